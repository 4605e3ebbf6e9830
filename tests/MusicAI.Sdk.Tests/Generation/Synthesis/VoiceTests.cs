using MusicAI.Sdk.Generation.Synthesis;

namespace MusicAI.Sdk.Tests.Generation.Synthesis;

public sealed class VoiceTests
{
    private const int SampleRate = 48000;

    [Fact]
    public void VoiceStealing_FadesTheOldestVoiceWithoutAClick()
    {
        var synth = new Synthesizer(SampleRate);
        var strip = synth.AddStrip("keys", TestPresets.Sines(polyphony: 2), reverbSend: 0f);
        synth.NoteOn(strip, 60, 1f, 0);
        synth.NoteOn(strip, 64, 1f, 4800);
        synth.NoteOn(strip, 67, 1f, 24000); // third note: the oldest (60) is stolen

        var left = SynthHarness.Channel(SynthHarness.RenderMix(synth, SampleRate), 0);

        // Sines of amplitude 0.3 can move at most 0.3·2πf/fs per sample each; a cut voice would jump by up to 0.3.
        var bound = 0.3 * 2 * Math.PI * (261.6 + 329.6 + 392.0) / SampleRate * 1.15;
        Assert.True(Spectrum.MaxStep(left) < bound, $"max step {Spectrum.MaxStep(left)} exceeds {bound}");
        Assert.Equal(2, synth.ActiveVoices(strip));

        // The same check catches a hard cut: remove the 60 voice abruptly at 24000.
        var cut = (float[])left.Clone();
        for (var i = 24000; i < 24000 + 200; i++)
        {
            cut[i] -= 0.3f * MathF.Sin(2 * MathF.PI * 261.63f * i / SampleRate);
        }

        Assert.True(Spectrum.MaxStep(cut) > bound, "a hard cut must exceed the bound");
        var after = left.AsSpan(24000 + 4800, 16384);
        var dominant = Spectrum.PeakFrequency(after, SampleRate);
        Assert.True(Math.Abs(dominant - 261.63) > 20, "the stolen note (C4) should be gone");
    }

    [Fact]
    public void MonoLegato_ChangesPitchWithoutRetriggerAndReturnsToTheHeldNote()
    {
        var preset = TestPresets.Sines(1) with { Mono = true, Legato = true, Gain = 0.5f };
        var synth = new Synthesizer(SampleRate);
        var strip = synth.AddStrip("lead", preset, reverbSend: 0f);
        synth.NoteOn(strip, 57, 1f, 0);
        synth.NoteOn(strip, 64, 1f, 24000);
        synth.NoteOff(strip, 64, 48000);
        synth.NoteOff(strip, 57, 72000);

        var left = SynthHarness.Channel(SynthHarness.RenderMix(synth, 96000), 0);

        Assert.Equal(220.0, Spectrum.PeakFrequency(left.AsSpan(4000, 16384), SampleRate), 1.0);
        Assert.Equal(329.6, Spectrum.PeakFrequency(left.AsSpan(28000, 16384), SampleRate), 1.0);
        Assert.Equal(220.0, Spectrum.PeakFrequency(left.AsSpan(52000, 16384), SampleRate), 1.0);

        // No retrigger: the level stays at sustain across the note changes (no dip to zero, no attack bump).
        var rmsBefore = Spectrum.Rms(left.AsSpan(20000, 4000));
        var rmsAcross = Spectrum.Rms(left.AsSpan(23500, 1000));
        Assert.Equal(rmsBefore, rmsAcross, 0.05 * rmsBefore);
        Assert.True(Spectrum.MaxStep(left) < 0.5 * 2 * Math.PI * 330 / SampleRate * 1.2);
        Assert.Equal(0, synth.ActiveVoices(strip));
    }

    [Fact]
    public void RepeatedPitch_RetriggersItsVoiceFromTheCurrentLevel()
    {
        var synth = new Synthesizer(SampleRate);
        var strip = synth.AddStrip("keys", TestPresets.Sines(polyphony: 4), reverbSend: 0f);
        synth.NoteOn(strip, 69, 1f, 0);
        synth.NoteOff(strip, 69, 10000);
        synth.NoteOn(strip, 69, 1f, 12000);

        var left = SynthHarness.Channel(SynthHarness.RenderMix(synth, 24000), 0);

        Assert.Equal(1, synth.ActiveVoices(strip));
        Assert.True(Spectrum.MaxStep(left) < 0.3 * 2 * Math.PI * 440 / SampleRate * 1.2);
    }

    [Fact]
    public void Velocity_ScalesLevelAndBrightness()
    {
        static (double Rms, double Centroid) Play(float velocity)
        {
            var synth = new Synthesizer(SampleRate);
            var strip = synth.AddStrip("bass", InstrumentCatalog.Pluck, reverbSend: 0f);
            synth.NoteOn(strip, 48, velocity, 0);
            var mono = SynthHarness.Mono(SynthHarness.RenderMix(synth, 8192));
            return (Spectrum.Rms(mono), Spectrum.Centroid(mono, SampleRate));
        }

        var soft = Play(0.3f);
        var hard = Play(1f);

        Assert.True(hard.Rms > 2 * soft.Rms, $"rms {hard.Rms} vs {soft.Rms}");
        Assert.True(hard.Centroid > 1.3 * soft.Centroid, $"centroid {hard.Centroid} vs {soft.Centroid}");
    }
}
