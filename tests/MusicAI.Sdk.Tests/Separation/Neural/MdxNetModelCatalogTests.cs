using MusicAI.Sdk.Separation;
using MusicAI.Sdk.Separation.Neural;

namespace MusicAI.Sdk.Tests.Separation.Neural;

public sealed class MdxNetModelCatalogTests
{
    public static TheoryData<long, string> TailMd5Cases
    {
        get
        {
            var data = new TheoryData<long, string>();
            foreach (var c in NeuralFixtures.Index.GetProperty("tail_md5").EnumerateArray())
            {
                data.Add(c.GetProperty("length").GetInt64(), c.GetProperty("md5").GetString()!);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(TailMd5Cases))]
    public void ComputeTailMd5_MatchesPythonAudioSeparatorsGetModelHash(long length, string expected)
    {
        // The same bytes as sepnn_reference.py's formula_bytes; python hashed them with PAS's get_model_hash.
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "model.onnx");
        var bytes = new byte[length];
        for (long k = 0; k < length; k++)
        {
            bytes[k] = (byte)(((k * 31) + 7) % 251);
        }

        File.WriteAllBytes(path, bytes);

        Assert.Equal(expected, MdxNetModelCatalog.ComputeTailMd5(path));
    }

    [Theory]
    [InlineData("55657dd70583b0fedfba5f67df11d711", "UVR-MDX-NET-Inst_HQ_3.onnx", 6144, 3072, 1.022, Stem.Accompaniment)]
    [InlineData("77D07B2667DDF05B9E3175941B4454A0", "UVR-MDX-NET-Voc_FT.onnx", 7680, 3072, 1.021, Stem.Vocals)]
    [InlineData("970b3f9492014d18fefeedfe4773cb42", "Kim_Vocal_2.onnx", 7680, 3072, 1.009, Stem.Vocals)]
    [InlineData("0f2a6bc5b49d87d64728ee40e23bceb1", "UVR-MDX-NET-Inst_HQ_4.onnx", 5120, 2560, 1.019, Stem.Accompaniment)]
    [InlineData("1d64a6d2c30f709b8c9b4ce1366d96ee", "UVR_MDXNET_KARA_2.onnx", 5120, 2048, 1.065, Stem.Accompaniment)]
    public void Find_KnowsTheFiveUvrHashes(string hash, string file, int fftLength, int dimF, double compensate, Stem primary)
    {
        var known = MdxNetModelCatalog.Find(hash);

        Assert.NotNull(known);
        Assert.Equal(file, known.FileName);
        Assert.Equal(new MdxNetParameters(fftLength, dimF, 256, compensate, primary), known.Parameters);
    }

    [Fact]
    public void Find_AnUnknownHash_ReturnsNull() => Assert.Null(MdxNetModelCatalog.Find("00000000000000000000000000000000"));

    [Fact]
    public void SidecarPath_ReplacesTheExtension() =>
        Assert.Equal(Path.Combine("models", "Kim_Inst.json"), MdxNetModelCatalog.SidecarPath(Path.Combine("models", "Kim_Inst.onnx")));
}
