using MusicAI.Sdk.Generation.Synthesis;

namespace MusicAI.Sdk.Tests.Generation.Synthesis;

public sealed class SynthesizerTests
{
    private const int SampleRate = 48000;

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(12345)]
    [InlineData(48007)]
    public void NoteScheduledAtFrame_StartsExactlyThere(int frame)
    {
        var synth = new Synthesizer(SampleRate);
        var strip = synth.AddStrip("lead", TestPresets.InstantSaw, reverbSend: 0f);
        synth.NoteOn(strip, 60, 1f, frame);

        var (mix, stems) = SynthHarness.RenderWithStems(synth, frame + 2000, block: 512);

        var left = SynthHarness.Channel(mix, 0);
        Assert.Equal(frame, FirstNonZero(left));
        Assert.Equal(frame, FirstNonZero(stems[0][0]));
    }

    [Theory]
    [InlineData(InstrumentCatalog.Drums808, 36)]
    [InlineData(InstrumentCatalog.DrumsChip, 38)]
    public void DrumHitScheduledAtFrame_StartsExactlyThere(string kit, int pitch)
    {
        var synth = new Synthesizer(SampleRate);
        var strip = synth.AddStrip("drums", kit, reverbSend: 0f);
        synth.NoteOn(strip, pitch, 1f, 7777);

        var left = SynthHarness.Channel(SynthHarness.RenderMix(synth, 10000, block: 300), 0);

        Assert.Equal(7777, FirstNonZero(left));
    }

    [Fact]
    public void EventsScheduledBetweenRenders_AreSampleAccurateWhenAheadOfTheLookAhead()
    {
        var synth = new Synthesizer(SampleRate);
        var strip = synth.AddStrip("lead", TestPresets.InstantSaw, reverbSend: 0f);
        var mix = new float[2 * 512];
        synth.Render(mix, default);
        var target = synth.Position + synth.LookAheadFrames + 17;
        synth.NoteOn(strip, 60, 1f, target);

        var rendered = new List<float>();
        for (var i = 0; i < 4; i++)
        {
            synth.Render(mix, default);
            rendered.AddRange(SynthHarness.Channel(mix, 0));
        }

        Assert.Equal(target - 512, FirstNonZero([.. rendered]));
    }

    [Fact]
    public void LateEvents_AreAppliedWithinTheLookAhead()
    {
        var synth = new Synthesizer(SampleRate);
        var strip = synth.AddStrip("lead", TestPresets.InstantSaw, reverbSend: 0f);
        var mix = new float[2 * 512];
        synth.Render(mix, default);
        var target = synth.Position; // the earliest legal frame, already synthesized ahead for the limiter
        synth.NoteOn(strip, 60, 1f, target);

        synth.Render(mix, default);

        var first = FirstNonZero(SynthHarness.Channel(mix, 0));
        Assert.InRange(first, 0, synth.LookAheadFrames);
    }

    [Fact]
    public void StemsSumToTheMix_AndTheLimiterHoldsTheCeiling()
    {
        var synth = BuildSong(gainBoost: 3f);

        var (mix, stems) = SynthHarness.RenderWithStems(synth, 6 * SampleRate, block: 777);

        var worst = 0f;
        for (var i = 0; i < mix.Length / 2; i++)
        {
            for (var c = 0; c < 2; c++)
            {
                var sum = 0f;
                foreach (var stem in stems)
                {
                    sum += stem[c][i];
                }

                worst = Math.Max(worst, Math.Abs(sum - mix[(2 * i) + c]));
            }
        }

        var peak = Spectrum.Peak(mix);
        var truePeak = InterSamplePeak(mix);
        TestContext.Current.TestOutputHelper?.WriteLine($"stems-vs-mix max error {worst:E2}, mix peak {peak:F5} ({20 * Math.Log10(peak):F2} dBFS), 4x peak {truePeak:F4} ({20 * Math.Log10(truePeak):F2} dBTP)");
        SynthHarness.MaybeDump("song-loud", mix, SampleRate);
        Assert.True(worst <= 1e-5f, $"stems differ from the mix by {worst}");
        Assert.True(peak <= Synthesizer.Ceiling, $"peak {peak} above the ceiling");
        Assert.True(peak > 0.8f, "the material should be loud enough to hit the limiter");
        Assert.True(truePeak < 0.9, $"inter-sample peak {truePeak} (the limiter's 4× detector should keep it near −1 dBTP)");
    }

    [Theory]
    [InlineData(22050)]
    [InlineData(44100)]
    [InlineData(96000)]
    public void OtherSampleRates_KeepTheGuarantees(int sampleRate)
    {
        var synth = BuildSong(gainBoost: 3f, sampleRate: sampleRate);

        var (mix, stems) = SynthHarness.RenderWithStems(synth, 3 * sampleRate, block: 1000);

        var worst = 0f;
        for (var i = 0; i < mix.Length / 2; i++)
        {
            var sum = stems.Sum(stem => stem[0][i]);
            worst = Math.Max(worst, Math.Abs(sum - mix[2 * i]));
        }

        Assert.All(mix, v => Assert.True(float.IsFinite(v)));
        Assert.True(worst <= 1e-5f, $"stems differ from the mix by {worst}");
        Assert.True(Spectrum.Peak(mix) <= Synthesizer.Ceiling);
        Assert.True(Spectrum.Rms(mix) > 0.05);
    }

    [Fact]
    public void ExtremePitches_StayFiniteAndBounded()
    {
        foreach (var name in InstrumentCatalog.Names)
        {
            var synth = new Synthesizer(SampleRate);
            var strip = synth.AddStrip("s", name, reverbSend: 0f);
            foreach (var pitch in new[] { 0, 12, 108, 127 })
            {
                synth.NoteOn(strip, pitch, 1f, 0);
                synth.NoteOff(strip, pitch, SampleRate / 2);
            }

            var mix = SynthHarness.RenderMix(synth, SampleRate);
            Assert.All(mix, v => Assert.True(float.IsFinite(v), name));
            Assert.True(Spectrum.Peak(mix) <= Synthesizer.Ceiling, name);
        }
    }

    [Fact]
    public void EventQueue_GrowsBeyondItsCapacityWhenAWholeSongIsScheduledAhead()
    {
        var synth = new Synthesizer(SampleRate, eventCapacity: 16);
        var strip = synth.AddStrip("keys", TestPresets.Sines(8), reverbSend: 0f);
        for (var i = 0; i < 1000; i++)
        {
            synth.NoteOn(strip, 48 + (i % 24), 0.8f, i * 480L);
            synth.NoteOff(strip, 48 + (i % 24), (i * 480L) + 400);
        }

        var mix = SynthHarness.RenderMix(synth, 1000 * 480);

        Assert.True(Spectrum.Rms(mix.AsSpan(mix.Length - 96000)) > 0.01, "late notes must still play");
    }

    [Fact]
    public void WithoutStems_SharedReverbAndDelayGiveTheSameMix()
    {
        // Per-strip effects (stems asked for) against one shared reverb and delay (no stems): reverb and delay are
        // linear with the same settings on every strip, so only float rounding may differ.
        var perStrip = SynthHarness.RenderWithStems(BuildSong(1f), 6 * SampleRate).Mix;
        var shared = SynthHarness.RenderMix(BuildSong(1f), 6 * SampleRate);

        var peak = 0f;
        var difference = 0f;
        for (var i = 0; i < perStrip.Length; i++)
        {
            peak = Math.Max(peak, Math.Abs(perStrip[i]));
            difference = Math.Max(difference, Math.Abs(perStrip[i] - shared[i]));
        }

        Assert.True(peak > 0.1f, "the song must be audible");
        Assert.True(difference < 1e-4f * peak, $"shared effects changed the mix by {difference} (peak {peak})");
        Assert.NotEqual(perStrip, shared); // the shared path really ran (sums round differently)
    }

    [Fact]
    public void AfterAFirstRenderWithoutStems_AskingForStemsThrows()
    {
        var synth = BuildSong(1f);
        synth.Render(new float[2 * 512], default);

        var error = Assert.Throws<InvalidOperationException>(() => synth.Render(new float[2 * 512], new float[synth.StripCount * 2 * 512]));
        Assert.Contains("first Render", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Limiter_DoesNotTouchQuietMaterial()
    {
        var synth = new Synthesizer(SampleRate);
        var strip = synth.AddStrip("lead", TestPresets.InstantSaw, gain: 0.5f, reverbSend: 0f);
        synth.NoteOn(strip, 57, 1f, 0);
        var (mix, stems) = SynthHarness.RenderWithStems(synth, SampleRate);

        // Unlimited, the strip output equals the mix exactly (gain 1 everywhere).
        Assert.Equal(SynthHarness.Channel(mix, 0), stems[0][0]);
    }

    [Fact]
    public void Render_AllocatesNothingAfterWarmUp()
    {
        var synth = BuildSong(gainBoost: 1f);
        var mix = new float[2 * 512];
        var stems = new float[synth.StripCount * 2 * 512];

        // Warm-up: every event kind and both render paths run (JIT tiering, static tables) before measuring.
        PlayAndRender(synth, mix, stems, 300);
        var before = GC.GetAllocatedBytesForCurrentThread();
        PlayAndRender(synth, mix, stems, 400);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    private static void PlayAndRender(Synthesizer synth, float[] mix, float[] stems, int blocks)
    {
        for (var i = 0; i < blocks; i++)
        {
            var at = synth.Position + 600;
            synth.NoteOn(1, 40 + (i % 12), 0.9f, at);
            synth.NoteOff(1, 40 + (i % 12), at + 300);
            synth.NoteOn(0, i % 2 == 0 ? 36 : 42, 1f, at + 10);
            synth.NoteOn(2, 60 + (i % 7), 0.5f, at);
            synth.NoteOff(2, 60 + ((i + 3) % 7), at + 5);
            synth.SetStripGain(3, 0.5f + (0.5f * (i % 2)), at, 256);
            if (i % 50 == 0)
            {
                synth.SetTempo(110 + (i % 20), at);
                synth.AllNotesOff(4, at);
            }

            synth.Render(mix, (i & 1) == 0 ? stems : default);
        }
    }

    [Fact]
    public void SameEventsAndSeed_GiveBitIdenticalOutput_AndTheSeedChangesNoise()
    {
        var a = SynthHarness.RenderMix(BuildSong(1f), 3 * SampleRate, block: 480);
        var b = SynthHarness.RenderMix(BuildSong(1f), 3 * SampleRate, block: 480);
        var c = SynthHarness.RenderMix(BuildSong(1f, seed: 99), 3 * SampleRate, block: 480);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void StripGainRamp_FadesLinearlyToSilenceAtTheScheduledFrame()
    {
        var synth = new Synthesizer(SampleRate);
        var strip = synth.AddStrip("organ", InstrumentCatalog.Organ, reverbSend: 0f);
        synth.NoteOn(strip, 60, 1f, 0);
        synth.SetStripGain(strip, 0f, 24000, 4800);
        var reference = new Synthesizer(SampleRate);
        var referenceStrip = reference.AddStrip("organ", InstrumentCatalog.Organ, reverbSend: 0f);
        reference.NoteOn(referenceStrip, 60, 1f, 0);

        var faded = SynthHarness.Channel(SynthHarness.RenderMix(synth, SampleRate), 0);
        var full = SynthHarness.Channel(SynthHarness.RenderMix(reference, SampleRate), 0);

        Assert.Equal(full.AsSpan(0, 24000).ToArray(), faded.AsSpan(0, 24000).ToArray());
        for (var i = 24000; i < 28800; i += 97)
        {
            var expected = 1f - ((i - 24000 + 1) / 4800f);
            Assert.Equal(full[i] * expected, faded[i], 1e-4f);
        }

        Assert.All(faded.AsSpan(28800).ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void SetTempo_MovesTheDelayEchoes()
    {
        static int EchoFrame(double bpm)
        {
            var synth = new Synthesizer(SampleRate);
            var strip = synth.AddStrip("drums", InstrumentCatalog.Drums808, reverbSend: 0f, delaySend: 1f);
            synth.SetTempo(bpm, 0);
            synth.NoteOn(strip, 37, 1f, 0); // short rim shot
            var left = SynthHarness.Channel(SynthHarness.RenderMix(synth, SampleRate), 0);
            var best = 4000;
            for (var i = 4000; i < left.Length; i++)
            {
                if (Math.Abs(left[i]) > Math.Abs(left[best]))
                {
                    best = i;
                }
            }

            return best;
        }

        // Dotted eighth (0.75 beat): 120 bpm → 18 000 frames, 150 bpm → 14 400 frames; the first echo is on the left.
        Assert.InRange(EchoFrame(120), 18000, 18000 + 200);
        Assert.InRange(EchoFrame(150), 14400, 14400 + 200);
    }

    [Fact]
    public void InvalidCalls_ThrowClearErrors()
    {
        var synth = new Synthesizer(SampleRate);
        var error = Assert.Throws<ArgumentException>(() => synth.AddStrip("x", "kazoo"));
        Assert.Contains("sub-bass", error.Message, StringComparison.Ordinal);
        var strip = synth.AddStrip("bass", InstrumentCatalog.SubBass);
        Assert.Throws<ArgumentOutOfRangeException>(() => synth.NoteOn(5, 60, 1f, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => synth.NoteOn(strip, 128, 1f, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => synth.NoteOn(strip, 60, float.NaN, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => synth.AddStrip("y", InstrumentCatalog.SubBass, pan: 2f));
        Assert.Throws<ArgumentOutOfRangeException>(() => synth.SetTempo(0, 0));
        Assert.Throws<ArgumentException>(() => synth.Render(new float[3], default));
        Assert.Throws<ArgumentException>(() => synth.Render(new float[8], new float[5]));

        synth.Render(new float[1024], default);
        Assert.Throws<ArgumentOutOfRangeException>(() => synth.NoteOn(strip, 60, 1f, 10));
        Assert.Throws<InvalidOperationException>(() => synth.AddStrip("late", InstrumentCatalog.SubBass));
    }

    [Fact]
    public void VelocityZero_IsANoteOff()
    {
        var synth = new Synthesizer(SampleRate);
        var strip = synth.AddStrip("keys", TestPresets.Sines(4), reverbSend: 0f);
        synth.NoteOn(strip, 60, 1f, 0);
        synth.NoteOn(strip, 60, 0f, 4800);
        SynthHarness.RenderMix(synth, SampleRate);

        Assert.Equal(0, synth.ActiveVoices(strip));
    }

    /// <summary>Drums, bass, pad, chords and lead, with reverb and delay sends; a few bars of notes.</summary>
    internal static Synthesizer BuildSong(float gainBoost, int seed = 1, int sampleRate = SampleRate)
    {
        var synth = new Synthesizer(sampleRate, seed: seed);
        var drums = synth.AddStrip("drums", InstrumentCatalog.Drums808, 1f * gainBoost, 0f, 0.1f);
        var bass = synth.AddStrip("bass", InstrumentCatalog.SawBass, 0.9f * gainBoost, 0f, 0.05f);
        var pad = synth.AddStrip("pad", InstrumentCatalog.WarmPad, 0.7f * gainBoost, -0.2f, 0.4f);
        var chords = synth.AddStrip("chords", InstrumentCatalog.ElectricPiano, 0.6f * gainBoost, 0.25f, 0.25f, 0.15f);
        var lead = synth.AddStrip("lead", InstrumentCatalog.SawLead, 0.6f * gainBoost, 0.1f, 0.3f, 0.3f);
        synth.SetTempo(120, 0);
        var beat = sampleRate / 2;
        int[][] chordsByBar = [[57, 60, 64], [53, 57, 60], [55, 59, 62], [52, 55, 59]];
        int[] melody = [69, 72, 71, 67, 69, 64, 65, 67];
        for (var bar = 0; bar < 16; bar++)
        {
            var start = bar * 4 * beat;
            var chord = chordsByBar[bar % 4];
            foreach (var p in chord)
            {
                synth.NoteOn(pad, p - 12, 0.7f, start);
                synth.NoteOff(pad, p - 12, start + (4 * beat) - 10);
                synth.NoteOn(chords, p, 0.8f, start + beat);
                synth.NoteOff(chords, p, start + (2 * beat));
                synth.NoteOn(chords, p, 0.7f, start + (3 * beat));
                synth.NoteOff(chords, p, start + (4 * beat) - 100);
            }

            for (var b = 0; b < 4; b++)
            {
                var at = start + (b * beat);
                synth.NoteOn(drums, b % 2 == 0 ? 36 : 38, 1f, at);
                synth.NoteOn(drums, 42, 0.7f, at);
                synth.NoteOn(drums, 42, 0.5f, at + (beat / 2));
                synth.NoteOn(bass, chord[0] - 24, 0.9f, at);
                synth.NoteOff(bass, chord[0] - 24, at + (beat / 2));
                synth.NoteOn(lead, melody[((bar * 4) + b) % melody.Length], 0.8f, at);
                synth.NoteOff(lead, melody[((bar * 4) + b) % melody.Length], at + beat - 200);
            }
        }

        return synth;
    }

    internal static int FirstNonZero(float[] samples)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            if (samples[i] != 0f)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Peak of a 4× windowed-sinc upsampling (32 taps per phase) of both channels.</summary>
    internal static double InterSamplePeak(float[] interleaved)
    {
        var peak = 0.0;
        var frames = interleaved.Length / 2;
        for (var c = 0; c < 2; c++)
        {
            for (var i = 16; i < frames - 16; i++)
            {
                for (var p = 1; p < 4; p++)
                {
                    var sum = 0.0;
                    for (var k = -15; k <= 16; k++)
                    {
                        var x = k - (p / 4.0);
                        var w = 0.5 + (0.5 * Math.Cos(Math.PI * x / 16.5));
                        sum += interleaved[(2 * (i + k)) + c] * Math.Sin(Math.PI * x) / (Math.PI * x) * w;
                    }

                    peak = Math.Max(peak, Math.Abs(sum));
                }
            }
        }

        return peak;
    }
}
