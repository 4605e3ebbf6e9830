using MusicAI.Sdk.Models;
using MusicAI.Sdk.Separation.Neural;

namespace MusicAI.Sdk.Tests.Separation.Neural;

/// <summary>The catalog's UVR entries and the engine's hash table describe the same files.</summary>
public sealed class KnownModelsMdxTests
{
    public static TheoryData<string> MdxCatalogIds => ["mdx-net-inst-hq-3", "mdx-net-voc-ft", "mdx-net-kim-vocal-2"];

    [Theory]
    [MemberData(nameof(MdxCatalogIds))]
    public void EveryMdxCatalogEntry_IsRecognisedByTheEngine_WithTheParametersItStates(string id)
    {
        var manifest = KnownModels.Find(id)!;
        Assert.Equal(ModelContractKind.MdxNet, manifest.ContractKind);
        Assert.Equal(44_100, manifest.SampleRate);

        var known = Assert.Single(MdxNetModelCatalog.Known, k => k.FileName == manifest.Files[0].Name);
        Assert.Contains(known.TailMd5, manifest.Description, StringComparison.Ordinal);
        var p = known.Parameters;
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"n_fft {p.FftLength}, dim_f {p.DimF}, dim_t {p.DimT}, hop 1024, compensate {p.Compensate:0.000}"), manifest.Description, StringComparison.Ordinal);
        Assert.Contains(p.PrimaryStem == Sdk.Separation.Stem.Vocals ? "primary stem Vocals" : "primary stem Instrumental", manifest.Description, StringComparison.Ordinal);
    }
}
