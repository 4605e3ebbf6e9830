using MusicAI.Sdk.Generation.Synthesis;

namespace MusicAI.Sdk.Tests.Generation.Synthesis;

public sealed class InstrumentCatalogTests
{
    private const int SampleRate = 48000;

    public static TheoryData<string> Presets() => [.. InstrumentCatalog.Names];

    [Theory]
    [MemberData(nameof(Presets))]
    public void EveryPreset_IsAudibleFiniteCentredAndEnds(string name)
    {
        var synth = new Synthesizer(SampleRate);
        var strip = synth.AddStrip("s", name, reverbSend: 0f);
        var isKit = InstrumentCatalog.IsDrumKit(name);
        int[] pitches = isKit ? [36, 38, 42, 46, 49, 51, 45] : [60];
        var hold = SampleRate;
        for (var i = 0; i < pitches.Length; i++)
        {
            var at = isKit ? i * SampleRate / 8 : 0;
            synth.NoteOn(strip, pitches[i], 0.8f, at);
            synth.NoteOff(strip, pitches[i], at + hold);
        }

        var mix = SynthHarness.RenderMix(synth, 7 * SampleRate);
        SynthHarness.MaybeDump("preset-" + name, mix, SampleRate);
        var mono = SynthHarness.Mono(mix);
        var note = mono.AsSpan(0, hold);
        var tail = mono.AsSpan(mono.Length - (SampleRate / 2));
        var rmsDb = 20 * Math.Log10(Spectrum.Rms(note) + 1e-30);
        TestContext.Current.TestOutputHelper?.WriteLine($"{name}: note RMS {rmsDb:F1} dBFS, peak {Spectrum.Peak(note):F3}, mean {Spectrum.Mean(note):E2}");

        Assert.All(mix, v => Assert.True(float.IsFinite(v)));
        Assert.True(rmsDb > -40, $"{name} is too quiet: {rmsDb:F1} dBFS");
        Assert.InRange(Spectrum.Mean(note), -0.01, 0.01);
        Assert.True(Spectrum.Peak(tail) < 1e-4f, $"{name} has not decayed to silence: {Spectrum.Peak(tail)}");
        Assert.Equal(0, synth.ActiveVoices(strip));
    }

    [Fact]
    public void Catalog_CoversTheRequestedRolesAndNamesResolve()
    {
        Assert.Equal(4, InstrumentCatalog.DrumKits.Count);
        Assert.True(InstrumentCatalog.WithRole(InstrumentRole.Bass).Count >= 5);
        Assert.True(InstrumentCatalog.WithRole(InstrumentRole.Pad).Count >= 4);
        Assert.True(InstrumentCatalog.WithRole(InstrumentRole.Lead).Count >= 5);
        Assert.True(InstrumentCatalog.Contains("SAW-BASS"));
        Assert.True(InstrumentCatalog.IsDrumKit(InstrumentCatalog.Drums808));
        Assert.False(InstrumentCatalog.IsDrumKit(InstrumentCatalog.SawBass));
        foreach (var name in InstrumentCatalog.Names)
        {
            var definition = InstrumentCatalog.Get(name);
            Assert.False(string.IsNullOrWhiteSpace(definition.Description));
            Assert.NotEmpty(definition.Styles);
        }

        var error = Assert.Throws<ArgumentException>(() => InstrumentCatalog.Get("kazoo"));
        Assert.Contains(InstrumentCatalog.WarmPad, error.Message, StringComparison.Ordinal);
    }
}
