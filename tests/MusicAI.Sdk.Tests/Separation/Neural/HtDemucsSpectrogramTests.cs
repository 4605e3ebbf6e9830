using MusicAI.Sdk.Separation.Neural;

namespace MusicAI.Sdk.Tests.Separation.Neural;

public sealed class HtDemucsSpectrogramTests
{
    [Fact]
    public void Shapes_MatchTheFlavourAExport()
    {
        var spectrogram = new HtDemucsSpectrogram(HtDemucsEngine.DefaultSegmentLength);
        Assert.Equal(336, spectrogram.Frames);
        Assert.Equal((336 * 1024) + 3072, spectrogram.PaddedLength);
        Assert.Equal(2048 * 336, spectrogram.PlaneLength);
    }

    [Fact]
    public void InverseOfForward_GivesBackTheSegmentAwayFromTheDroppedFrames()
    {
        // demucs' _spec drops the Nyquist bin and the 2 outer frames at each end; _ispec puts zeros there. For a
        // band-limited signal the pair is the identity wherever those frames do not reach: from 1536 samples after the
        // start to 1536 samples before le·1024. This checks padding, framing and the 1/64 scaling together.
        const int Length = 20_000;
        var spectrogram = new HtDemucsSpectrogram(Length);
        using var scratch = spectrogram.CreateScratch();
        var signal = new float[Length];
        for (var n = 0; n < Length; n++)
        {
            signal[n] = (float)((0.5 * Math.Sin(2 * Math.PI * 440 * n / 44100.0)) + (0.3 * Math.Sin((2 * Math.PI * 3000 * n / 44100.0) + 1)));
        }

        var planes = new float[4 * spectrogram.PlaneLength];
        spectrogram.Forward(signal, 1, planes, scratch);
        var back = new float[Length];
        var plane = spectrogram.PlaneLength;
        spectrogram.Inverse(planes.AsSpan(2 * plane, plane), planes.AsSpan(3 * plane, plane), back, scratch);

        var interiorEnd = (spectrogram.Frames * 1024) - 1536;
        var interior = Enumerable.Range(1536, interiorEnd - 1536).Max(i => Math.Abs(signal[i] - back[i]));
        Assert.InRange(interior, 0, 1e-5);

        // At the very start only the frames kept by _spec contribute: about half the signal comes back.
        Assert.InRange(Math.Abs(back[0] - signal[0]), 0, 0.6);
        Assert.True(Math.Abs(back[100] - signal[100]) > 1e-3);
    }

    [Fact]
    public void Forward_IsNormalisedByTheSquareRootOfNfft()
    {
        // A DC offset of 1 puts Σ hann = 2048 in bin 0; normalized=True divides it by √4096 = 64.
        const int Length = 8192;
        var spectrogram = new HtDemucsSpectrogram(Length);
        var planes = new float[4 * spectrogram.PlaneLength];
        var ones = Enumerable.Repeat(1f, Length).ToArray();
        using var scratch = spectrogram.CreateScratch();
        spectrogram.Forward(ones, 0, planes, scratch);
        for (var t = 0; t < spectrogram.Frames; t++)
        {
            Assert.Equal(32f, planes[t], 1e-3f);
        }
    }
}
