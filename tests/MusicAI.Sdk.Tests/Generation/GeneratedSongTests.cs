using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Generation;
using MusicAI.Sdk.Generation.Sequencing;
using MusicAI.Sdk.Midi;

namespace MusicAI.Sdk.Tests.Generation;

public sealed class GeneratedSongTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(4, 120.0, 48_000, MusicMeter.FourFour)]
    [InlineData(8, 97.0, 44_100, MusicMeter.FourFour)]
    [InlineData(3, 133.0, 22_050, MusicMeter.ThreeFour)]
    [InlineData(5, 71.0, 48_000, MusicMeter.SixEight)]
    public async Task Loops_AreExactlyNBarsLong(int bars, double bpm, int sampleRate, MusicMeter meter)
    {
        using var song = await TestGenerators.WithTestSynth().WithStyle(MusicStyle.Synthwave).WithMeter(meter).WithTempo(bpm).WithBars(bars)
            .WithSampleRate(sampleRate).AsLoop().WithSeed(5).GenerateAsync(cancellationToken: Ct);

        var pulses = meter switch { MusicMeter.ThreeFour => 3, MusicMeter.SixEight => 2, _ => 4 };
        Assert.Equal((long)Math.Round(bars * pulses * 60.0 / bpm * sampleRate, MidpointRounding.AwayFromZero), song.Mix.FrameCount);
        Assert.Equal(sampleRate, song.Mix.SampleRate);
        Assert.True(song.IsLoop);
        Assert.Single(song.Sections);
    }

    [Theory]
    [InlineData(MusicStyle.Ambient)]
    [InlineData(MusicStyle.LoFi)]
    [InlineData(MusicStyle.Combat)]
    [InlineData(MusicStyle.Chiptune)]
    public async Task TheLoopSeam_IsNoLargerThanTheLargestStepInsideTheLoop(MusicStyle style)
    {
        using var song = await TestGenerators.WithTestSynth().WithStyle(style).WithBars(4).AsLoop().WithSeed(21).GenerateAsync(cancellationToken: Ct);

        for (var c = 0; c < 2; c++)
        {
            var x = song.Mix.GetChannel(c);
            var largest = 0f;
            for (var i = 1; i < x.Length; i++)
            {
                largest = Math.Max(largest, Math.Abs(x[i] - x[i - 1]));
            }

            var seam = Math.Abs(x[0] - x[^1]);
            Assert.True(largest > 0);
            Assert.True(seam <= largest, $"seam jump {seam} > largest inner step {largest}");
        }
    }

    [Fact]
    public async Task Stems_SumToTheMix()
    {
        using var song = await TestGenerators.WithTestSynth().WithStyle(MusicStyle.Rock).WithBars(8).WithSeed(3).WithStems().GenerateAsync(cancellationToken: Ct);

        Assert.Equal(["drums", "bass", "chords", "pad", "melody"], song.Stems.Keys.ToArray());
        var maxError = 0f;
        for (var c = 0; c < 2; c++)
        {
            var mix = song.Mix.GetChannel(c);
            for (var i = 0; i < mix.Length; i++)
            {
                var sum = 0f;
                foreach (var stem in song.Stems.Values)
                {
                    sum += stem.GetChannel(c)[i];
                }

                maxError = Math.Max(maxError, Math.Abs(sum - mix[i]));
            }
        }

        Assert.True(maxError < 1e-5f, $"stems differ from the mix by up to {maxError}");
        Assert.All(song.Stems.Values, s => Assert.Equal(song.Mix.FrameCount, s.FrameCount));
    }

    [Fact]
    public async Task TheSameSeed_GivesBitIdenticalAudio_AndAnotherSeedDifferentAudio()
    {
        var request = TestGenerators.WithTestSynth().WithPrompt("lo-fi 80 bpm").WithBars(4).WithSeed(77);
        using var first = await request.GenerateAsync(cancellationToken: Ct);
        using var second = await request.GenerateAsync(cancellationToken: Ct);
        using var other = await request.WithSeed(78).GenerateAsync(cancellationToken: Ct);

        Assert.True(first.Mix.GetChannel(0).SequenceEqual(second.Mix.GetChannel(0)));
        Assert.True(first.Mix.GetChannel(1).SequenceEqual(second.Mix.GetChannel(1)));
        Assert.False(first.Mix.GetChannel(0)[..Math.Min(first.Mix.FrameCount, other.Mix.FrameCount)].SequenceEqual(other.Mix.GetChannel(0)[..Math.Min(first.Mix.FrameCount, other.Mix.FrameCount)]));
    }

    [Fact]
    public async Task ThePinnedRequest_ReproducesTheSong()
    {
        using var song = await TestGenerators.WithTestSynth().WithPrompt("dark chiptune").WithBars(4).GenerateAsync(cancellationToken: Ct);
        using var again = await song.Request.GenerateAsync(cancellationToken: Ct);

        Assert.Equal(song.Parameters.ToString(), again.Parameters.ToString());
        Assert.True(song.Mix.GetChannel(0).SequenceEqual(again.Mix.GetChannel(0)));
    }

    [Fact]
    public async Task ThePeak_IsAtMostMinusOneDbfs()
    {
        // The test synthesizer has no limiter; made loud, it exercises the renderer's own guarantee.
        using var song = await TestGenerators.WithTestSynth(amplitude: 2f).WithStyle(MusicStyle.Rock).WithEnergy(1).WithStems().WithStemEnabled("strings", true).WithBars(4).WithSeed(1).GenerateAsync(cancellationToken: Ct);

        var peak = 0f;
        for (var c = 0; c < 2; c++)
        {
            peak = Math.Max(peak, Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(song.Mix.GetChannel(c))));
        }

        Assert.True(peak <= OfflineRenderer.PeakLimit, $"peak {20 * Math.Log10(peak):0.00} dBFS");
        Assert.True(peak > OfflineRenderer.PeakLimit * 0.99f, "the loud song is scaled to the limit, not below it");
        var maxError = 0f;
        for (var i = 0; i < song.Mix.FrameCount; i++)
        {
            var sum = 0f;
            foreach (var stem in song.Stems.Values)
            {
                sum += stem.GetChannel(0)[i];
            }

            maxError = Math.Max(maxError, Math.Abs(sum - song.Mix.GetChannel(0)[i]));
        }

        Assert.True(maxError < 1e-4f, "limiting keeps stems summing to the mix");
    }

    [Fact]
    public async Task Songs_HaveSectionsWithTimes_AndATailThatFadesToSilence()
    {
        using var song = await TestGenerators.WithTestSynth().WithStyle(MusicStyle.Exploration).WithMeter(MusicMeter.FourFour).WithTempo(120).WithBars(32).WithSeed(2).GenerateAsync(cancellationToken: Ct);

        Assert.Equal(["intro", "verse", "chorus", "chorus", "outro"], song.Sections.Select(s => s.Name).ToArray());
        Assert.Equal(TimeSpan.Zero, song.Sections[0].Start);
        for (var i = 1; i < song.Sections.Count; i++)
        {
            Assert.Equal(song.Sections[i - 1].End, song.Sections[i].Start);
        }

        Assert.Equal(64.0, song.Sections[^1].End.TotalSeconds, 3);
        Assert.Equal(64.0 + GeneratedSong.TailSeconds, song.Duration.TotalSeconds, 3);
        Assert.Equal(0f, song.Mix.GetChannel(0)[^1]);
    }

    [Fact]
    public async Task Midi_HasOneTrackPerStem_WithTheDrumsOnTheDrumChannel()
    {
        using var song = await TestGenerators.WithTestSynth().WithStyle(MusicStyle.LoFi).WithMeter(MusicMeter.FourFour).WithBars(8).WithSeed(4).GenerateAsync(cancellationToken: Ct);
        using var stream = new MemoryStream();
        song.ToMidi().Save(stream);
        stream.Position = 0;

        var midi = MidiFileReader.Read(stream);

        Assert.Equal(song.StemNames, midi.Tracks.Select(t => t.Name).ToArray());
        Assert.True(midi.Tracks.Single(t => t.Name == "drums").IsDrums);
        Assert.Equal(song.Parameters.TempoBpm, midi.TempoBpm, 2);
        var melody = song.ToMidi("melody");
        Assert.Single(melody.Tracks);
        Assert.Equal(song.Scores.Sum(s => s.Stem(MusicAI.Sdk.Generation.Composition.StemRole.Melody).Count), melody.Tracks[0].Notes.Count);
        Assert.Throws<ArgumentException>(() => song.ToMidi("strings"));
    }

    [Fact]
    public async Task SixEight_WritesA68TimeSignature_AtTheDottedQuarterTempo()
    {
        using var song = await TestGenerators.WithTestSynth().WithStyle(MusicStyle.Exploration).WithMeter(MusicMeter.SixEight).WithTempo(60).WithBars(4).WithSeed(4).GenerateAsync(cancellationToken: Ct);
        using var stream = new MemoryStream();
        song.ToMidi().Save(stream);
        stream.Position = 0;

        var midi = MidiFileReader.Read(stream);

        Assert.Equal(6, midi.BeatsPerBar);
        Assert.Equal(8, midi.BeatUnit);
        Assert.Equal(90, midi.TempoBpm, 2);
    }

    [Fact]
    public async Task Progress_IsReportedUpToTheTotal()
    {
        var reports = new List<ProcessingProgress>();
        using var song = await TestGenerators.WithTestSynth().CreateRequest().WithBars(4).WithSeed(1).GenerateAsync(new SyncProgress(reports), Ct);

        Assert.NotEmpty(reports);
        Assert.Equal(reports[^1].Total, reports[^1].Completed);
        Assert.All(reports, r => Assert.Equal("render", r.Stage));
    }

    [Fact]
    public async Task Cancellation_StopsTheRender()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TestGenerators.WithTestSynth().CreateRequest().WithBars(64).GenerateAsync(cancellationToken: cts.Token));
    }

    [Fact]
    public async Task TenHours_IsRefusedOffline_PointingAtTheStream()
    {
        var request = TestGenerators.WithTestSynth().CreateRequest().WithDuration(TimeSpan.FromHours(10));

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => request.GenerateAsync(cancellationToken: Ct));

        Assert.Contains("CreateStream", error.Message, StringComparison.Ordinal);
        using var stream = request.CreateStream();
        Assert.Equal(36000, stream.Length!.Value.TotalSeconds, 0.0);
    }

    [Fact]
    public async Task Dispose_ReleasesTheAudio()
    {
        var song = await TestGenerators.WithTestSynth().CreateRequest().WithBars(2).WithSeed(1).WithStems().GenerateAsync(cancellationToken: Ct);
        song.Dispose();
        song.Dispose();

        Assert.Throws<ObjectDisposedException>(() => { _ = song.Mix; });
        Assert.Throws<ObjectDisposedException>(() => { _ = song.Stems; });
    }

    [Fact]
    public async Task WithoutStems_OnlyTheMixIsKept()
    {
        using var song = await TestGenerators.WithTestSynth().CreateRequest().WithBars(2).WithSeed(1).GenerateAsync(cancellationToken: Ct);

        Assert.Empty(song.Stems);
        Assert.NotEmpty(song.StemNames);
        Assert.IsType<AudioBuffer>(song.Mix);
    }

    private sealed class SyncProgress(List<ProcessingProgress> reports) : IProgress<ProcessingProgress>
    {
        public void Report(ProcessingProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
