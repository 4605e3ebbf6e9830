using MusicAI.Sdk.Generation.Synthesis;

namespace MusicAI.Sdk.Tests.Generation.Synthesis;

/// <summary>Minimal presets that isolate one behaviour in tests.</summary>
internal static class TestPresets
{
    /// <summary>A saw with an instant gate: its first sample is non-zero.</summary>
    public static InstrumentPreset InstantSaw { get; } = new()
    {
        Name = "test-saw",
        Description = "test",
        Styles = ["test"],
        Role = InstrumentRole.Keys,
        Oscillators = [new() { Waveform = Waveform.Saw }],
        AmpEnvelope = new(0f, 0.1f, 1f, 0.05f),
        VelocityToAmplitude = 0f,
    };

    /// <summary>Pure sines, sustained, with a chosen polyphony.</summary>
    public static InstrumentPreset Sines(int polyphony) => new()
    {
        Name = "test-sine",
        Description = "test",
        Styles = ["test"],
        Role = InstrumentRole.Keys,
        Polyphony = polyphony,
        Oscillators = [new() { Waveform = Waveform.Sine }],
        AmpEnvelope = new(0.005f, 0.1f, 1f, 0.2f),
        VelocityToAmplitude = 0f,
        Gain = 0.3f,
    };
}
