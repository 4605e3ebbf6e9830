using MusicAI.Sdk.Captioning.Neural;

namespace MusicAI.Sdk.Tests.Captioning.Neural;

public sealed class NoteDecoderTests
{
    private const int Bins = BasicPitch.PitchCount;

    [Fact]
    public void ReferenceActivations_DecodeToTheReferenceNotes_InTheReferenceOrder()
    {
        var fixtures = BasicPitchFixtures.RequireFixtures();
        var activations = BasicPitchFixtures.ReadReferenceActivations(fixtures);
        var expected = BasicPitchFixtures.ReadReferenceNotes();

        var events = NoteDecoder.Decode(activations, new NoteDecodingSettings());

        Assert.Equal(787, activations.FrameCount);
        Assert.Equal(expected.Count, events.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var e = events[i];
            Assert.Equal(expected[i].Pitch, e.Pitch);
            Assert.Equal(expected[i].Start, BasicPitch.FrameToSeconds(e.StartFrame), 1e-9);
            Assert.Equal(expected[i].End, BasicPitch.FrameToSeconds(e.EndFrame), 1e-9);
            Assert.Equal(expected[i].Amplitude, e.Amplitude, 1e-5);
        }
    }

    [Fact]
    public void ReferenceTimes_AreExactlyFrameTimesOfTheMagicOffsetFormula()
    {
        // Every upstream note boundary must be model_frames_to_time(n) for an integer frame n.
        var notes = BasicPitchFixtures.ReadReferenceNotes();
        foreach (var t in notes.SelectMany(n => new[] { n.Start, n.End }))
        {
            var nearest = Enumerable.Range(0, 2000).MinBy(n => Math.Abs(BasicPitch.FrameToSeconds(n) - t));
            Assert.Equal(t, BasicPitch.FrameToSeconds(nearest), 1e-12);
        }
    }

    [Fact]
    public void OnsetNote_RunsUntilElevenFramesBelowThreshold()
    {
        var a = Activations(60);
        Fill(a.Note, 39, 10, 41, 0.8f);
        a.Onset[(10 * Bins) + 39] = 0.9f;

        var note = Assert.Single(NoteDecoder.Decode(a, new NoteDecodingSettings()));

        Assert.Equal(new NoteEvent(10, 41, 60, 0.8f), note);
    }

    [Fact]
    public void MelodiaNote_EndsOneFrameEarlierThanAnOnsetNote_AsTheReferenceDoes()
    {
        var a = Activations(60);
        Fill(a.Note, 39, 10, 41, 0.8f);

        var events = NoteDecoder.Decode(a, new NoteDecodingSettings { InferOnsets = false });

        Assert.Equal(new NoteEvent(10, 40, 60, 0.8f), Assert.Single(events));
        Assert.Empty(NoteDecoder.Decode(a, new NoteDecodingSettings { InferOnsets = false, MelodiaTrick = false }));
    }

    [Theory]
    [InlineData(8, true)]
    [InlineData(10, true)]
    [InlineData(11, false)]
    [InlineData(12, false)]
    public void GapsBelowTheFrameThreshold_AreBridgedWhenShorterThanTheEnergyTolerance(int gap, bool bridged)
    {
        var a = Activations(120);
        Fill(a.Note, 39, 10, 31, 0.8f);
        Fill(a.Note, 39, 31 + gap, 31 + gap + 30, 0.8f);
        a.Onset[(10 * Bins) + 39] = 0.9f;

        var note = Assert.Single(NoteDecoder.Decode(a, new NoteDecodingSettings { InferOnsets = false, MelodiaTrick = false }));

        Assert.Equal(10, note.StartFrame);
        Assert.Equal(bridged ? 31 + gap + 30 : 31, note.EndFrame);
    }

    [Theory]
    [InlineData(11, 0)]
    [InlineData(12, 1)]
    public void NotesNoLongerThanTheMinimum_AreDropped(int length, int expected)
    {
        var a = Activations(80);
        Fill(a.Note, 39, 10, 10 + length, 0.8f);
        a.Onset[(10 * Bins) + 39] = 0.9f;

        Assert.Equal(expected, NoteDecoder.Decode(a, new NoteDecodingSettings { MelodiaTrick = false }).Count);
    }

    [Theory]
    [InlineData(null, 200.0, 0)]
    [InlineData(300.0, null, 0)]
    [InlineData(200.0, 300.0, 1)]
    [InlineData(null, null, 1)]
    public void FrequencyLimits_DropNotesOutsideThem(double? minimum, double? maximum, int expected)
    {
        var a = Activations(60);
        Fill(a.Note, 39, 10, 41, 0.8f); // MIDI 60, 261.6 Hz
        a.Onset[(10 * Bins) + 39] = 0.9f;

        var settings = new NoteDecodingSettings { MinimumFrequency = minimum, MaximumFrequency = maximum };
        var note = (float[])a.Note.Clone();
        var onset = (float[])a.Onset.Clone();

        Assert.Equal(expected, NoteDecoder.Decode(a, settings).Count);
        Assert.Equal(note, a.Note);
        Assert.Equal(onset, a.Onset);
    }

    [Fact]
    public void SilenceAndEmptyInput_GiveNoNotes()
    {
        Assert.Empty(NoteDecoder.Decode(Activations(0), new NoteDecodingSettings()));
        Assert.Empty(NoteDecoder.Decode(Activations(300), new NoteDecodingSettings()));
    }

    [Fact]
    public void MillisecondsToFrames_MatchesTheReferenceDefault()
    {
        Assert.Equal(11, NoteDecoder.MillisecondsToFrames(127.7));
        Assert.Equal(0, NoteDecoder.MillisecondsToFrames(0));
    }

    [Theory]
    [InlineData(1, 40, true, true)]
    [InlineData(2, 300, true, true)]
    [InlineData(3, 300, false, true)]
    [InlineData(4, 300, true, false)]
    [InlineData(5, 517, true, true)]
    public void Decode_MatchesAStraightPortOfTheReferenceLoops(int seed, int frames, bool inferOnsets, bool melodia)
    {
        var a = RandomActivations(seed, frames);
        var settings = new NoteDecodingSettings { InferOnsets = inferOnsets, MelodiaTrick = melodia };

        var expected = ReferencePort(a, settings);
        var actual = NoteDecoder.Decode(a, settings);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    private static BasicPitchActivations Activations(int frames) => new(frames, includeContour: false);

    private static void Fill(float[] matrix, int bin, int from, int to, float value)
    {
        for (var t = from; t < to; t++)
        {
            matrix[(t * Bins) + bin] = value;
        }
    }

    /// <summary>Notes as blocks of random level plus noise; ties and plateaus on purpose (quantised values).</summary>
    private static BasicPitchActivations RandomActivations(int seed, int frames)
    {
        var random = new Random(seed);
        var a = Activations(frames);
        for (var i = 0; i < a.Note.Length; i++)
        {
            a.Note[i] = MathF.Round((float)random.NextDouble() * 0.35f, 2);
            a.Onset[i] = MathF.Round((float)random.NextDouble() * 0.3f, 2);
        }

        for (var n = 0; n < frames / 6; n++)
        {
            var bin = random.Next(Bins);
            var start = random.Next(frames);
            var length = random.Next(3, 40);
            var level = MathF.Round(0.3f + ((float)random.NextDouble() * 0.7f), 2);
            for (var t = start; t < Math.Min(frames, start + length); t++)
            {
                a.Note[(t * Bins) + bin] = Math.Max(a.Note[(t * Bins) + bin], level - (random.Next(4) * 0.05f));
            }

            a.Onset[(start * Bins) + bin] = MathF.Round(0.4f + ((float)random.NextDouble() * 0.6f), 2);
        }

        return a;
    }

    /// <summary>
    /// The reference algorithm written as plainly as the Python: 2-D double matrices, the global maximum found by
    /// a full scan each time (np.argmax), no shortcuts.
    /// </summary>
    private static List<NoteEvent> ReferencePort(BasicPitchActivations a, NoteDecodingSettings s)
    {
        var n = a.FrameCount;
        var frames = new double[n, Bins];
        var onsets = new double[n, Bins];
        for (var t = 0; t < n; t++)
        {
            for (var f = 0; f < Bins; f++)
            {
                frames[t, f] = a.Note[(t * Bins) + f];
                onsets[t, f] = a.Onset[(t * Bins) + f];
            }
        }

        if (s.InferOnsets)
        {
            var diff = new double[n, Bins];
            var maxDiff = 0.0;
            var maxOnset = 0.0;
            for (var t = 0; t < n; t++)
            {
                for (var f = 0; f < Bins; f++)
                {
                    var d1 = frames[t, f] - (t >= 1 ? frames[t - 1, f] : 0);
                    var d2 = frames[t, f] - (t >= 2 ? frames[t - 2, f] : 0);
                    diff[t, f] = t < 2 ? 0 : Math.Max(0, Math.Min(d1, d2));
                    maxDiff = Math.Max(maxDiff, diff[t, f]);
                    maxOnset = Math.Max(maxOnset, onsets[t, f]);
                }
            }

            for (var t = 0; t < n; t++)
            {
                for (var f = 0; f < Bins; f++)
                {
                    onsets[t, f] = Math.Max(onsets[t, f], maxOnset * diff[t, f] / maxDiff);
                }
            }
        }

        var peaks = new List<(int T, int F)>();
        for (var t = 0; t < n; t++)
        {
            for (var f = 0; f < Bins; f++)
            {
                var peak = t > 0 && t < n - 1 && onsets[t, f] > onsets[t - 1, f] && onsets[t, f] > onsets[t + 1, f] ? onsets[t, f] : 0;
                if (peak >= s.OnsetThreshold)
                {
                    peaks.Add((t, f));
                }
            }
        }

        peaks.Reverse();
        var remaining = (double[,])frames.Clone();
        var events = new List<NoteEvent>();
        void Clear(int t, int f)
        {
            remaining[t, f] = 0;
            if (f < Bins - 1)
            {
                remaining[t, f + 1] = 0;
            }

            if (f > 0)
            {
                remaining[t, f - 1] = 0;
            }
        }

        float Mean(int from, int to, int f)
        {
            var sum = 0.0;
            for (var t = from; t < to; t++)
            {
                sum += frames[t, f];
            }

            return (float)(sum / (to - from));
        }

        foreach (var (start, f) in peaks)
        {
            if (start >= n - 1)
            {
                continue;
            }

            var i = start + 1;
            var k = 0;
            while (i < n - 1 && k < s.EnergyTolerance)
            {
                k = remaining[i, f] < s.FrameThreshold ? k + 1 : 0;
                i++;
            }

            i -= k;
            if (i - start <= s.MinimumNoteFrames)
            {
                continue;
            }

            for (var t = start; t < i; t++)
            {
                Clear(t, f);
            }

            events.Add(new NoteEvent(start, i, f + 21, Mean(start, i, f)));
        }

        while (s.MelodiaTrick)
        {
            var best = -1.0;
            int mid = 0, bin = 0;
            for (var t = 0; t < n; t++)
            {
                for (var f = 0; f < Bins; f++)
                {
                    if (remaining[t, f] > best)
                    {
                        best = remaining[t, f];
                        mid = t;
                        bin = f;
                    }
                }
            }

            if (!(best > s.FrameThreshold))
            {
                break;
            }

            remaining[mid, bin] = 0;
            var i = mid + 1;
            var k = 0;
            while (i < n - 1 && k < s.EnergyTolerance)
            {
                k = remaining[i, bin] < s.FrameThreshold ? k + 1 : 0;
                Clear(i, bin);
                i++;
            }

            var end = i - 1 - k;
            i = mid - 1;
            k = 0;
            while (i > 0 && k < s.EnergyTolerance)
            {
                k = remaining[i, bin] < s.FrameThreshold ? k + 1 : 0;
                Clear(i, bin);
                i--;
            }

            var begin = i + 1 + k;
            if (end - begin > s.MinimumNoteFrames)
            {
                events.Add(new NoteEvent(begin, end, bin + 21, Mean(begin, end, bin)));
            }
        }

        return events;
    }
}
