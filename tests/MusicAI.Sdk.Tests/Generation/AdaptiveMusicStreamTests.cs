using MusicAI.Sdk.Generation;

namespace MusicAI.Sdk.Tests.Generation;

public sealed class AdaptiveMusicStreamTests
{
    private const int Block = 512;

    private static AdaptiveMusicStream Create(double bpm = 120, MusicMeter meter = MusicMeter.FourFour, int bars = 4, int sampleRate = 48_000) =>
        TestGenerators.WithTestSynth().WithStyle(MusicStyle.Exploration).WithTempo(bpm).WithMeter(meter).WithBars(bars).AsLoop().WithSeed(8).WithSampleRate(sampleRate).CreateStream();

    private static List<MusicEvent> ReadFor(AdaptiveMusicStream stream, double seconds, Action<long>? onBlock = null)
    {
        var buffer = new float[Block * 2];
        var events = new List<MusicEvent>();
        var blocks = (int)Math.Ceiling(seconds * stream.SampleRate / Block);
        for (var b = 0; b < blocks; b++)
        {
            onBlock?.Invoke(stream.Position);
            Assert.Equal(buffer.Length, stream.Read(buffer));
            while (stream.TryReadEvent(out var e))
            {
                events.Add(e);
            }
        }

        return events;
    }

    [Fact]
    public void Beats_BarsAndSections_ArriveOnTheGrid()
    {
        using var stream = Create(bpm: 120, bars: 2);
        var events = ReadFor(stream, 8.9);

        var beats = events.Where(e => e.Kind == MusicEventKind.Beat).ToList();
        Assert.Equal(18, beats.Count);
        for (var i = 0; i < beats.Count; i++)
        {
            Assert.Equal(i * 24_000L, beats[i].Frame);
            Assert.Equal(i % 4, beats[i].Beat);
            Assert.Equal(i / 4, beats[i].Bar);
        }

        Assert.Equal([0L, 96_000, 192_000, 288_000], events.Where(e => e.Kind == MusicEventKind.Bar).Select(e => e.Frame).Take(4));
        Assert.Equal([0L, 192_000, 384_000], events.Where(e => e.Kind == MusicEventKind.SectionChanged).Select(e => e.Frame));
        Assert.All(events, e => Assert.Equal("explore", e.State));
    }

    [Fact]
    public void StateChanges_WaitForTheBoundaryTheCallerChose()
    {
        using var stream = Create(bpm: 120, bars: 4);
        var switched = new Dictionary<MusicBoundary, long>();
        ReadFor(stream, 0.6);

        stream.SetState("combat", MusicBoundary.NextBar);
        var events = ReadFor(stream, 2);
        var change = Assert.Single(events, e => e.Kind == MusicEventKind.StateChanged);
        Assert.Equal(96_000, change.Frame);
        Assert.Equal("combat", change.State);
        Assert.Equal("combat", stream.State);
        Assert.Contains(events, e => e.Kind == MusicEventKind.Bar && e.Frame == 96_000 && e.State == "combat");
        Assert.Equal(events.Single(e => e.Kind == MusicEventKind.Bar && e.Frame == 96_000).Bar, change.Bar);

        stream.SetState("victory", MusicBoundary.NextBeat);
        events = ReadFor(stream, 1);
        change = Assert.Single(events, e => e.Kind == MusicEventKind.StateChanged);
        Assert.Equal(0, change.Frame % 24_000);
        Assert.True(change.Frame - (stream.Position - (48_128 - 48_128)) <= 24_000 * 2);

        var before = stream.Position;
        stream.SetState("explore", MusicBoundary.NextSection);
        events = ReadFor(stream, 10);
        change = Assert.Single(events, e => e.Kind == MusicEventKind.StateChanged);
        var victoryStart = events.Count == 0 ? 0 : change.Frame;
        Assert.True(change.Frame > before);
        Assert.Contains(events, e => e.Kind == MusicEventKind.SectionChanged && e.Frame == victoryStart);
        Assert.Equal(0, (change.Frame - 96_000) % 24_000);

        stream.SetState("combat", MusicBoundary.Immediate);
        var at = stream.Position;
        events = ReadFor(stream, 0.2);
        change = Assert.Single(events, e => e.Kind == MusicEventKind.StateChanged);
        Assert.Equal(at + TestSynthesizer.DefaultLookAhead, change.Frame); // scheduling runs the synthesizer's look-ahead ahead of reading
    }

    [Fact]
    public void Stingers_StartOnTheBeatGrid()
    {
        using var stream = Create(bpm: 100, bars: 4);
        ReadFor(stream, 0.77);
        stream.PlayStinger(StingerKind.Triumph, MusicBoundary.NextBeat);
        stream.PlayStinger(StingerKind.Danger, MusicBoundary.NextBar);
        var events = ReadFor(stream, 3);

        var framesPerBeat = 48_000 * 60.0 / 100;
        var stingers = events.Where(e => e.Kind == MusicEventKind.StingerPlayed).ToList();
        Assert.Equal(2, stingers.Count);
        Assert.Equal(StingerKind.Triumph, stingers[0].Stinger);
        Assert.Equal(2 * framesPerBeat, stingers[0].Frame, 1);
        Assert.Equal(StingerKind.Danger, stingers[1].Stinger);
        Assert.Equal(4 * framesPerBeat, stingers[1].Frame, 1);
        Assert.All(stingers, s => Assert.Contains(events, e => e.Kind == MusicEventKind.Beat && e.Frame == s.Frame));
    }

    [Fact]
    public void TempoChanges_ApplyAtTheBarAndRespaceTheBeats()
    {
        using var stream = Create(bpm: 120, bars: 4);
        ReadFor(stream, 0.3);
        stream.SetTempo(150);
        var events = ReadFor(stream, 4);

        var change = Assert.Single(events, e => e.Kind == MusicEventKind.TempoChanged);
        Assert.Equal(96_000, change.Frame);
        Assert.Equal(150, change.Value);
        var beatsAfter = events.Where(e => e.Kind == MusicEventKind.Beat && e.Frame >= 96_000).Select(e => e.Frame).ToList();
        Assert.True(beatsAfter.Count > 3);
        for (var i = 1; i < beatsAfter.Count; i++)
        {
            Assert.Equal(19_200, beatsAfter[i] - beatsAfter[i - 1]);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => stream.SetTempo(1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => stream.SetTempo(30));
    }

    [Fact]
    public void Intensity_FadesLayersInAndOutByThreshold()
    {
        var synths = new List<TestSynthesizer>();
        var generator = new SongGenerator(null, (sr, _) =>
        {
            var synth = new TestSynthesizer(sr);
            synths.Add(synth);
            return synth;
        });
        using var stream = generator.WithStyle(MusicStyle.Rock).WithBars(4).AsLoop().WithSeed(1).CreateStream();
        var synth = synths[0]; // the stream's own; the constructor rehearses its instruments on a second, throwaway one
        ReadFor(stream, 0.1);
        var from = synth.EventCount;

        stream.SetIntensity(0.4f);
        ReadFor(stream, 0.1);

        var gains = synth.Events[from..synth.EventCount].Where(e => e.Kind == TestSynthesizer.EventKind.Gain).ToList();
        float Target(string stem) => gains.Single(g => synth.StripInfo[g.Strip].Name == "explore-" + stem).Value;
        Assert.Equal(0f, Target("drums"));
        Assert.Equal(0f, Target("melody"));
        Assert.True(Target("pad") > 0);
        Assert.True(Target("chords") > 0);
        Assert.True(Target("bass") > 0);
        Assert.All(gains, g => Assert.True(g.Ramp > 0, "layers ramp, they do not jump"));
        Assert.Equal(0.4f, stream.Intensity);
    }

    [Fact]
    public void Read_AllocatesNothing_AcrossSectionsStatesStingersAndTempoChanges()
    {
        using var stream = Create(bpm: 140, bars: 2);
        var buffer = new float[Block * 2];
        for (var i = 0; i < 200; i++)
        {
            stream.Read(buffer); // warm up: JIT, first compositions
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 4000; i++)
        {
            switch (i)
            {
                case 300: stream.SetState("combat", MusicBoundary.NextBar); break;
                case 900: stream.PlayStinger(StingerKind.Accent); break;
                case 1200: stream.SetIntensity(0.3f, MusicBoundary.NextBeat); break;
                case 1700: stream.SetTempo(120); break;
                case 2300: stream.SetState("victory", MusicBoundary.Immediate); break;
                case 3000: stream.SetState("explore", MusicBoundary.NextSection); break;
            }

            stream.Read(buffer);
            while (stream.TryReadEvent(out _))
            {
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal("explore", stream.State);
    }

    [Fact]
    public async Task Setters_CanBeCalledFromAnotherThreadWhileTheAudioThreadReads()
    {
        using var stream = Create(bpm: 160, bars: 2);
        using var stop = new CancellationTokenSource();
        using var posting = new ManualResetEventSlim();
        var states = AdaptiveMusicStream.StateNames;
        var game = Task.Run(
            () =>
            {
                var i = 0;
                while (!stop.IsCancellationRequested)
                {
                    stream.SetIntensity(i % 10 / 10f, (MusicBoundary)(i % 4));
                    if (i % 7 == 0)
                    {
                        stream.SetState(states[i % 3], (MusicBoundary)(i % 4));
                    }

                    if (i % 13 == 0)
                    {
                        stream.PlayStinger((StingerKind)(i % 3), MusicBoundary.NextBeat);
                    }

                    i++;
                    if (i == 20)
                    {
                        posting.Set(); // a state change and a stinger are posted
                    }

                    Thread.Sleep(1);
                }
            },
            TestContext.Current.CancellationToken);

        // Reading 20 s takes well under a second: start once the game thread is under way (it keeps posting while
        // the stream is read), or a loaded machine may not schedule it before the reads are over.
        Assert.True(posting.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), "the game thread did not start");
        var events = ReadFor(stream, 20);
        await stop.CancelAsync();
        await game;

        Assert.Contains(events, e => e.Kind == MusicEventKind.StateChanged);
        Assert.Contains(events, e => e.Kind == MusicEventKind.StingerPlayed);
        var frames = events.Select(e => e.Frame).ToList();
        Assert.Equal(frames.Order(), frames);
    }

    [Fact]
    public void AStreamWithALength_EndsAfterIt_FadingOut()
    {
        using var stream = TestGenerators.WithTestSynth().WithStyle(MusicStyle.Rock).WithDuration(TimeSpan.FromSeconds(3)).WithSeed(2).CreateStream();
        Assert.Equal(TimeSpan.FromSeconds(3), stream.Length);
        var total = 3 * 48_000L;
        var buffer = new float[Block * 2];
        long read = 0;
        int n;
        float last = 1;
        while ((n = stream.Read(buffer)) > 0)
        {
            read += n / 2;
            last = Math.Abs(buffer[n - 1]) + Math.Abs(buffer[n - 2]);
        }

        Assert.Equal(total, read);
        Assert.True(stream.IsFinished);
        Assert.Equal(0f, last);
        Assert.Equal(0, stream.Read(buffer));
    }

    [Fact]
    public void TenHours_Streams()
    {
        using var stream = TestGenerators.WithTestSynth().CreateRequest().WithDuration(TimeSpan.FromHours(10)).WithSeed(1).CreateStream();
        var events = ReadFor(stream, 2);

        Assert.False(stream.IsFinished);
        Assert.Contains(events, e => e.Kind == MusicEventKind.Beat);
    }

    [Fact]
    public void ALoopRequest_StreamsForever()
    {
        using var stream = Create();

        Assert.Null(stream.Length);
        ReadFor(stream, 1);
        Assert.False(stream.IsFinished);
    }

    [Fact]
    public void BadArguments_AreRejected()
    {
        using var stream = Create();

        var error = Assert.Throws<ArgumentException>(() => stream.SetState("boss"));
        Assert.Contains("explore, combat, victory", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => stream.SetIntensity(1.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => stream.SetIntensity(float.NaN));
        Assert.Throws<ArgumentException>(() => stream.Read(new float[3]));
        stream.Dispose();
        Assert.Throws<ObjectDisposedException>(() => stream.Read(new float[2]));
    }

    [Fact]
    public void TheStream_SoundsAndIsDeterministic()
    {
        using var a = Create();
        using var b = Create();
        var x = new float[48_000];
        var y = new float[48_000];
        a.Read(x);
        b.Read(y);

        Assert.Equal(x, y);
        Assert.True(x.Max(Math.Abs) > 0.01f);
    }
}
