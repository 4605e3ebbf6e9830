using MusicAI.Sdk.Generation.Synthesis;

namespace MusicAI.Sdk.Tests.Generation.Synthesis;

public sealed class DrumTests
{
    private const int SampleRate = 48000;

    public static TheoryData<string> Kits() => [.. InstrumentCatalog.DrumKits];

    [Theory]
    [MemberData(nameof(Kits))]
    public void KickSnareHat_AreAudibleAndOrderedBySpectralCentroid(string kit)
    {
        // The first 85 ms of each hit (the sound, not the silence after it).
        var kick = Hit(kit, 36, 4096);
        var snare = Hit(kit, 38, 4096);
        var hat = Hit(kit, 42, 4096);
        var (ck, cs, ch) = (Spectrum.Centroid(kick, SampleRate), Spectrum.Centroid(snare, SampleRate), Spectrum.Centroid(hat, SampleRate));

        TestContext.Current.TestOutputHelper?.WriteLine($"{kit}: centroids kick {ck:F0} Hz, snare {cs:F0} Hz, hat {ch:F0} Hz; rms {Spectrum.Rms(kick):F3} {Spectrum.Rms(snare):F3} {Spectrum.Rms(hat):F3}");
        foreach (var sound in new[] { kick, snare, hat })
        {
            Assert.True(Spectrum.Rms(sound) > 0.005, "every drum must be audible");
        }

        Assert.True(ck < cs && cs < ch, $"centroids kick {ck:F0} < snare {cs:F0} < hat {ch:F0} expected");
    }

    [Theory]
    [MemberData(nameof(Kits))]
    public void EveryMappedDrum_IsFiniteAndEnds(string kit)
    {
        int[] pitches = [35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 53, 57, 59];
        foreach (var pitch in pitches)
        {
            var synth = new Synthesizer(SampleRate);
            var strip = synth.AddStrip("drums", kit, reverbSend: 0f);
            synth.NoteOn(strip, pitch, 1f, 0);
            var mix = SynthHarness.RenderMix(synth, 4 * SampleRate);

            Assert.All(mix, v => Assert.True(float.IsFinite(v)));
            Assert.True(Spectrum.Rms(mix.AsSpan(0, SampleRate / 4)) > 1e-3, $"{kit} pitch {pitch} is silent");
            Assert.Equal(0, synth.ActiveVoices(strip));
        }
    }

    [Fact]
    public void ClosedHat_ChokesTheOpenHat()
    {
        var open = Hit(InstrumentCatalog.Drums808, 46, 24000);
        var choked = Hits(InstrumentCatalog.Drums808, (46, 0), (42, 4800));

        // 30 ms after the closed hat the open hat would still ring; choked, only the short closed hat's tail remains.
        var ringing = Spectrum.Rms(open.AsSpan(4800 + 1440, 4800));
        var afterChoke = Spectrum.Rms(choked.AsSpan(4800 + 1440, 4800));
        Assert.True(afterChoke < 0.3 * ringing, $"open hat not choked: {afterChoke} vs {ringing}");
        Assert.True(Spectrum.MaxStep(choked.AsSpan(4800, 1000)) < 0.5f);
    }

    [Fact]
    public void UnmappedPitches_AreSilent()
    {
        var sound = Hit(InstrumentCatalog.DrumsAcoustic, 80);

        Assert.All(sound, v => Assert.Equal(0f, v));
    }

    private static float[] Hit(string kit, int pitch, int length = 16384) => Hits(kit, length, (pitch, 0));

    private static float[] Hits(string kit, params (int Pitch, int At)[] hits) => Hits(kit, 24000, hits);

    private static float[] Hits(string kit, int length, params (int Pitch, int At)[] hits)
    {
        var synth = new Synthesizer(SampleRate);
        var strip = synth.AddStrip("drums", kit, reverbSend: 0f);
        foreach (var (pitch, at) in hits)
        {
            synth.NoteOn(strip, pitch, 1f, at);
        }

        return SynthHarness.Mono(SynthHarness.RenderMix(synth, length));
    }
}
