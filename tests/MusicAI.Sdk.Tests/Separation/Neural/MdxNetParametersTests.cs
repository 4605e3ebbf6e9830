using MusicAI.Sdk.Separation;
using MusicAI.Sdk.Separation.Neural;

namespace MusicAI.Sdk.Tests.Separation.Neural;

public sealed class MdxNetParametersTests
{
    private static readonly MdxNetParameters s_vocFt = new(7680, 3072, 256, 1.021, Stem.Vocals);

    [Fact]
    public void Geometry_FollowsUvrsDemix()
    {
        Assert.Equal(3840, s_vocFt.Trim);
        Assert.Equal(261_120, s_vocFt.ChunkLength);
        Assert.Equal(261_120 - 7680, s_vocFt.GenerateLength);
        Assert.Equal(3841, s_vocFt.BinCount);
        Assert.Equal(Stem.Accompaniment, s_vocFt.SecondaryStem);
    }

    [Theory]
    [InlineData(null, 261_120 - 7680)]
    [InlineData(0.25f, 195_840)]
    [InlineData(0f, 261_120)]
    [InlineData(0.5f, 130_560)]
    [InlineData(0.1f, 235_008)] // Python: int((1 - 0.1) * 261120) = 235008; the float 0.1f itself would give 235007.
    [InlineData(0.99f, 2611)]
    public void Step_IsIntOfOneMinusOverlapTimesChunk_OrChunkMinusNfft(float? overlap, int step) =>
        Assert.Equal(step, s_vocFt.Step(overlap));

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1f)]
    [InlineData(float.NaN)]
    public void Step_RejectsAnOverlapOutsideZeroToOne(float overlap) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => s_vocFt.Step(overlap));

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(253_439L)]
    [InlineData(253_440L)]
    [InlineData(1_000_000L)]
    public void MixtureLength_IsTrimPlusFramesPlusPad(long frames)
    {
        var gen = s_vocFt.GenerateLength;
        var pad = gen + s_vocFt.Trim - (frames % gen);
        Assert.Equal(s_vocFt.Trim + frames + pad, s_vocFt.MixtureLength(frames));
    }

    [Theory]
    [InlineData(7681, 3072, 256)]
    [InlineData(7680, 3, 256)]
    [InlineData(7680, 3842, 256)]
    [InlineData(7680, 3072, 8)]
    public void Constructor_RejectsImpossibleShapes(int fftLength, int dimF, int dimT) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MdxNetParameters(fftLength, dimF, dimT, 1.0, Stem.Vocals));

    [Fact]
    public void Constructor_RejectsAPrimaryStemMdxCannotProduce() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MdxNetParameters(7680, 3072, 256, 1.0, Stem.Drums));
}
