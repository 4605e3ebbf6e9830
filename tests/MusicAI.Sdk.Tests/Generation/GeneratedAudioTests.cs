using MusicAI.Sdk.Generation;

namespace MusicAI.Sdk.Tests.Generation;

/// <summary>
/// Listen-free checks of the audio the real synthesizer renders: detected tempo and key match the request, no
/// clipping, stems sum to the mix, loops wrap without a click, the same seed gives the same bits.
/// </summary>
public sealed class GeneratedAudioTests
{
    private const int SampleRate = 22_050;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(MusicStyle.Rock, 120.0, "E minor")]
    [InlineData(MusicStyle.Synthwave, 100.0, "A minor")]
    [InlineData(MusicStyle.Chiptune, 140.0, "C major")]
    [InlineData(MusicStyle.LoFi, 84.0, "F major")]
    [InlineData(MusicStyle.Combat, 140.0, "G minor")]
    [InlineData(MusicStyle.Orchestral, 96.0, "D major")]
    public async Task TheDetectedTempoAndKey_OfTheAudio_MatchTheRequest(MusicStyle style, double bpm, string key)
    {
        using var song = await new SongGenerator().WithStyle(style).WithTempo(bpm).WithKey(key).WithMeter(MusicMeter.FourFour)
            .WithBars(16).WithSeed(12).WithSampleRate(SampleRate).GenerateAsync(cancellationToken: Ct);

        var tempo = AudioAnalysis.EstimateTempo(song.Mix);
        var (tonic, minor, correlation) = AudioAnalysis.EstimateKey(song.Mix);

        Assert.True(Math.Abs(tempo - bpm) <= bpm * 0.02, $"detected {tempo} BPM for {bpm} BPM");
        var expected = MusicKey.Parse(key);
        Assert.True(tonic == expected.Tonic && minor == expected.IsMinor, $"detected {new MusicKey(tonic, minor ? MusicMode.Minor : MusicMode.Major)} (r = {correlation:0.00}) for {key}");
    }

    [Fact]
    public async Task RealSynthesizer_StemsSumToTheMix_AndThePeakStaysBelowMinusOneDbfs()
    {
        using var song = await new SongGenerator().WithStyle(MusicStyle.Combat).WithEnergy(1).WithBars(8).WithSeed(3)
            .WithSampleRate(SampleRate).WithStems().GenerateAsync(cancellationToken: Ct);

        var peak = 0f;
        var maxError = 0f;
        for (var c = 0; c < 2; c++)
        {
            var mix = song.Mix.GetChannel(c);
            for (var i = 0; i < mix.Length; i++)
            {
                peak = Math.Max(peak, Math.Abs(mix[i]));
                var sum = 0f;
                foreach (var stem in song.Stems.Values)
                {
                    sum += stem.GetChannel(c)[i];
                }

                maxError = Math.Max(maxError, Math.Abs(sum - mix[i]));
            }
        }

        Assert.True(peak <= 0.8913f, $"peak {20 * Math.Log10(peak):0.00} dBFS");
        Assert.True(peak > 0.1f, "the song is not silent");
        Assert.True(maxError < 1e-4f, $"stems differ from the mix by {maxError}");
    }

    [Theory]
    [InlineData(MusicStyle.Ambient)]
    [InlineData(MusicStyle.Synthwave)]
    [InlineData(MusicStyle.Combat)]
    public async Task RealSynthesizer_LoopsWrapWithoutAClick_InTheMixAndEveryStem(MusicStyle style)
    {
        using var song = await new SongGenerator().WithStyle(style).WithBars(4).AsLoop().WithSeed(9).WithSampleRate(SampleRate).WithStems().GenerateAsync(cancellationToken: Ct);

        foreach (var (name, buffer) in song.Stems.Append(new("mix", song.Mix)))
        {
            for (var c = 0; c < 2; c++)
            {
                var x = buffer.GetChannel(c);
                var steps = new float[x.Length - 1];
                for (var i = 1; i < x.Length; i++)
                {
                    steps[i - 1] = Math.Abs(x[i] - x[i - 1]);
                }

                Array.Sort(steps);
                var seam = Math.Abs(x[0] - x[^1]);

                // No larger than the largest step inside the loop (the criterion). Tonal stems go further: the seam is
                // not even an outlier, below the 99.5th percentile of the loop's own steps. (A drum hit on the loop's
                // first frame is an attack there, as it is on every other bar, so the drums and the mix keep the
                // criterion only.)
                Assert.True(seam <= steps[^1], $"{name}[{c}] seam {seam} > largest step {steps[^1]}");
                if (name is not ("drums" or "mix"))
                {
                    Assert.True(seam <= steps[(int)(steps.Length * 0.995)], $"{name}[{c}] seam {seam} > p99.5 step {steps[(int)(steps.Length * 0.995)]}");
                }
            }
        }
    }

    [Fact]
    public async Task RealSynthesizer_IsBitIdenticalForOneSeed()
    {
        var request = new SongGenerator().WithPrompt("chiptune 150 bpm").WithBars(4).WithSeed(5).WithSampleRate(SampleRate);
        using var a = await request.GenerateAsync(cancellationToken: Ct);
        using var b = await request.GenerateAsync(cancellationToken: Ct);

        Assert.True(a.Mix.GetChannel(0).SequenceEqual(b.Mix.GetChannel(0)));
        Assert.True(a.Mix.GetChannel(1).SequenceEqual(b.Mix.GetChannel(1)));
    }
}
