using MusicAI.Sdk.Generation.Synthesis;

namespace MusicAI.Sdk.Tests.Generation.Synthesis;

/// <summary>Aliasing of the non-BLEP sources: wavetables and FM (all their partials are harmonics here).</summary>
public sealed class AliasingTests
{
    private const int SampleRate = 48000;

    [Theory]
    [InlineData(1000.3)]
    [InlineData(3517.3)]
    [InlineData(9000.7)]
    public void MipMappedWavetable_HasNoAliases(double hz)
    {
        var table = WavetableBank.Get(WavetableShape.Pad);
        var increment = (float)(hz / SampleRate);
        var level = Wavetable.LevelFor(increment);
        var signal = new float[32768];
        var phase = 0f;
        for (var offset = 0; offset < signal.Length; offset += 64)
        {
            Wavetable.Add(signal.AsSpan(offset, 64), ref phase, increment, table.Table(3, level), table.Table(4, level), 0.3f, 1f);
        }

        var aliasDb = Spectrum.WorstAliasDb(signal, hz, SampleRate, SampleRate / 2);

        TestContext.Current.TestOutputHelper?.WriteLine($"wavetable {hz} Hz (level {level}): worst alias {aliasDb:F1} dB");
        Assert.True(aliasDb < -70, $"worst alias {aliasDb:F1} dB");
    }

    [Theory]
    [InlineData(InstrumentCatalog.ElectricPiano, 84)]
    [InlineData(InstrumentCatalog.ElectricPiano, 88)]
    [InlineData(InstrumentCatalog.FmBass, 72)]
    public void FmVoices_LimitTheirIndexBeforeSidebandsAlias(string preset, int pitch)
    {
        var synth = new Synthesizer(SampleRate);
        var strip = synth.AddStrip("fm", preset, reverbSend: 0f);
        synth.NoteOn(strip, pitch, 1f, 0);
        var left = SynthHarness.Channel(SynthHarness.RenderMix(synth, 8192), 0);
        var hz = 440.0 * Math.Pow(2, (pitch - 69) / 12.0);

        // The attack, where the modulation index is highest.
        var aliasDb = Spectrum.WorstAliasDb(left.AsSpan(0, 2048), hz, SampleRate, SampleRate / 2, guardBins: 6);

        TestContext.Current.TestOutputHelper?.WriteLine($"{preset} pitch {pitch}: worst alias {aliasDb:F1} dB");
        Assert.True(aliasDb < -60, $"worst alias {aliasDb:F1} dB");
    }
}
