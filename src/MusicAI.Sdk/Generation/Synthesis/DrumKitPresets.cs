namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// The drum kits of <see cref="InstrumentCatalog"/>. General MIDI drum pitches: 35/36 kick, 37 rim, 38/40 snare,
/// 39 clap, 42 closed hat, 44 pedal hat, 46 open hat (hats share choke group 1), 49/57 crash (52/55 alias),
/// 51/59 ride, 53 ride bell, 41/43/45/47/48/50 toms (low to high).
/// </summary>
internal static class DrumKitPresets
{
    private const int HatChoke = 1;

    private static readonly int[] s_tomPitches = [41, 43, 45, 47, 48, 50];
    private static readonly float[] s_tomPans = [-0.45f, -0.3f, -0.15f, 0.05f, 0.2f, 0.35f];

    /// <summary>Builds the kits.</summary>
    public static IEnumerable<DrumKitPreset> Create()
    {
        yield return Electronic();
        yield return Acoustic();
        yield return Lofi();
        yield return Chip();
    }

    private static DrumKitPreset Electronic()
    {
        var sounds = new DrumSound?[128];
        var kick = new DrumSound
        {
            ToneLevel = 1f, ToneStartHz = 150f, ToneEndHz = 47f, ToneSweep = 0.045f, ToneDecay = 0.9f,
            ClickLevel = 0.25f, ClickDecay = 0.004f, Drive = 1.3f,
        };
        Map(sounds, kick, 35, 36);
        Map(sounds, new DrumSound
        {
            ToneLevel = 0.55f, ToneStartHz = 190f, ToneEndHz = 175f, ToneSweep = 0.02f, ToneDecay = 0.18f,
            Tone2Level = 0.35f, Tone2Hz = 330f, Tone2Decay = 0.1f,
            NoiseLevel = 1.1f, NoiseFilter = FilterMode.BandPass, NoiseCutoff = 4500f, NoiseQ = 0.6f, NoiseDecay = 0.22f,
        }, 38, 40);
        Map(sounds, new DrumSound
        {
            NoiseLevel = 1.1f, NoiseFilter = FilterMode.BandPass, NoiseCutoff = 1100f, NoiseQ = 1.5f,
            NoiseBursts = 4, BurstSpacing = 0.011f, NoiseDecay = 0.25f, Pan = -0.1f,
        }, 39);
        Map(sounds, new DrumSound
        {
            ToneLevel = 0.6f, ToneStartHz = 1700f, ToneEndHz = 1700f, ToneDecay = 0.03f,
            Tone2Level = 0.5f, Tone2Hz = 500f, Tone2Decay = 0.05f, ClickLevel = 0.4f, ClickDecay = 0.003f, Level = 0.7f,
        }, 37);
        Map(sounds, Hat808(0.06f, 1f), 42);
        Map(sounds, Hat808(0.04f, 0.7f), 44);
        Map(sounds, Hat808(0.45f, 0.9f), 46);
        Map(sounds, new DrumSound
        {
            MetalLevel = 0.5f, MetalBaseHz = 205f, MetalDecay = 1.6f, MetalBandHz = 7000f, MetalHighPassHz = 4500f,
            NoiseLevel = 0.35f, NoiseFilter = FilterMode.HighPass, NoiseCutoff = 6000f, NoiseDecay = 1.4f, Pan = -0.3f, Level = 0.8f,
        }, 49, 57, 52, 55);
        var ride = new DrumSound
        {
            MetalLevel = 0.35f, MetalBaseHz = 240f, MetalDecay = 1f, MetalBandHz = 6500f, MetalHighPassHz = 3000f,
            Tone2Level = 0.12f, Tone2Hz = 620f, Tone2Decay = 0.6f, Pan = 0.35f, Level = 0.7f,
        };
        Map(sounds, ride, 51, 59);
        Map(sounds, ride with { Tone2Level = 0.35f }, 53);
        Toms(sounds, [70f, 85f, 100f, 118f, 138f, 160f], 1.5f, 0.45f, 0.1f);
        return Kit(InstrumentCatalog.Drums808, "Electronic/808 kit: long swept sine kick, tone+noise snare, burst clap, six-square metallic hats and cymbals, sine toms.", ["synthwave", "lo-fi", "tension", "chiptune"], sounds, null, 0.6f);
    }

    private static DrumKitPreset Acoustic()
    {
        var sounds = new DrumSound?[128];
        var kick = new DrumSound
        {
            ToneLevel = 1f, ToneStartHz = 115f, ToneEndHz = 55f, ToneSweep = 0.025f, ToneDecay = 0.35f,
            ClickLevel = 0.5f, ClickDecay = 0.006f, ClickHighPassHz = 2500f,
            NoiseLevel = 0.25f, NoiseFilter = FilterMode.LowPass, NoiseCutoff = 800f, NoiseDecay = 0.05f, Drive = 1.6f,
        };
        Map(sounds, kick, 35, 36);
        Map(sounds, new DrumSound
        {
            ToneLevel = 0.5f, ToneStartHz = 205f, ToneEndHz = 185f, ToneSweep = 0.015f, ToneDecay = 0.12f,
            Tone2Level = 0.3f, Tone2Hz = 340f, Tone2Decay = 0.08f,
            NoiseLevel = 1.3f, NoiseFilter = FilterMode.BandPass, NoiseCutoff = 3500f, NoiseQ = 0.5f, NoiseDecay = 0.28f,
            ClickLevel = 0.3f, ClickDecay = 0.003f,
        }, 38, 40);
        Map(sounds, new DrumSound
        {
            NoiseLevel = 1.1f, NoiseFilter = FilterMode.BandPass, NoiseCutoff = 1400f, NoiseQ = 1.2f,
            NoiseBursts = 4, BurstSpacing = 0.01f, NoiseDecay = 0.2f, Pan = -0.1f,
        }, 39);
        Map(sounds, new DrumSound
        {
            Tone2Level = 0.6f, Tone2Hz = 1200f, Tone2Decay = 0.035f, ClickLevel = 0.6f, ClickDecay = 0.004f, Level = 0.6f,
        }, 37);
        Map(sounds, NoiseHat(0.05f, 8000f, 1f, 0.03f), 42);
        Map(sounds, NoiseHat(0.035f, 7000f, 0.6f, 0.03f), 44);
        Map(sounds, NoiseHat(0.4f, 7500f, 0.9f, 0.03f), 46);
        Map(sounds, new DrumSound
        {
            NoiseLevel = 0.6f, NoiseFilter = FilterMode.HighPass, NoiseCutoff = 5000f, NoiseDecay = 1.8f,
            MetalLevel = 0.08f, MetalBaseHz = 330f, MetalDecay = 1.5f, MetalBandHz = 8000f, MetalHighPassHz = 5000f, Pan = -0.3f, Level = 0.8f,
        }, 49, 57, 52, 55);
        var ride = new DrumSound
        {
            MetalLevel = 0.1f, MetalBaseHz = 380f, MetalDecay = 1.2f, MetalBandHz = 7000f, MetalHighPassHz = 3500f,
            NoiseLevel = 0.25f, NoiseFilter = FilterMode.HighPass, NoiseCutoff = 7000f, NoiseDecay = 0.9f,
            Tone2Level = 0.1f, Tone2Hz = 900f, Tone2Decay = 0.5f, Pan = 0.35f, Level = 0.7f,
        };
        Map(sounds, ride, 51, 59);
        Map(sounds, ride with { Tone2Level = 0.35f }, 53);
        Toms(sounds, [82f, 98f, 110f, 130f, 147f, 175f], 1.25f, 0.6f, 0.25f);
        return Kit(InstrumentCatalog.DrumsAcoustic, "Acoustic-ish kit: punchy kick with beater click, wire-noise snare, noise hats, cymbals and toms.", ["rock", "orchestral", "calm", "tension"], sounds, null, 0.7f);
    }

    private static DrumKitPreset Lofi()
    {
        var acoustic = Acoustic();
        var sounds = new DrumSound?[128];
        for (var p = 0; p < 128; p++)
        {
            sounds[p] = acoustic.Sounds[p];
        }

        Map(sounds, new DrumSound
        {
            ToneLevel = 1f, ToneStartHz = 95f, ToneEndHz = 50f, ToneSweep = 0.03f, ToneDecay = 0.45f,
            NoiseLevel = 0.2f, NoiseFilter = FilterMode.LowPass, NoiseCutoff = 600f, NoiseDecay = 0.06f, Drive = 1.4f,
        }, 35, 36);
        Map(sounds, new DrumSound
        {
            ToneLevel = 0.45f, ToneStartHz = 190f, ToneEndHz = 175f, ToneSweep = 0.015f, ToneDecay = 0.14f,
            NoiseLevel = 0.8f, NoiseFilter = FilterMode.BandPass, NoiseCutoff = 2200f, NoiseQ = 0.6f, NoiseDecay = 0.2f,
        }, 38, 40);
        Map(sounds, NoiseHat(0.045f, 6000f, 0.8f, 0.02f), 42);
        Map(sounds, NoiseHat(0.03f, 5500f, 0.5f, 0.02f), 44);
        Map(sounds, NoiseHat(0.3f, 6000f, 0.7f, 0.02f), 46);
        return Kit(InstrumentCatalog.DrumsLofi, "Lo-fi kit: soft round kick, dusty snare, dark hats; saturated, 10-bit, half-rate and low-passed.", ["lo-fi", "calm"], sounds,
            new InsertSpec { Drive = 1.5f, Bits = 10, Downsample = 2, ToneHz = 7000f }, 0.65f);
    }

    private static DrumKitPreset Chip()
    {
        var sounds = new DrumSound?[128];
        Map(sounds, new DrumSound
        {
            ToneWaveform = Waveform.Pulse, ToneLevel = 0.8f, ToneStartHz = 240f, ToneEndHz = 50f, ToneSweep = 0.03f, ToneDecay = 0.18f,
            VelocityToLevel = 0.2f,
        }, 35, 36);
        Map(sounds, new DrumSound
        {
            Noise = NoiseKind.Lfsr, LfsrRateHz = 9000f, NoiseLevel = 0.7f, NoiseDecay = 0.16f,
            ToneWaveform = Waveform.Triangle, ToneLevel = 0.5f, ToneStartHz = 300f, ToneEndHz = 180f, ToneSweep = 0.02f, ToneDecay = 0.08f,
            VelocityToLevel = 0.2f,
        }, 38, 40);
        Map(sounds, new DrumSound
        {
            Noise = NoiseKind.Lfsr, LfsrRateHz = 12000f, NoiseLevel = 0.8f, NoiseBursts = 3, BurstSpacing = 0.012f, NoiseDecay = 0.12f,
            VelocityToLevel = 0.2f,
        }, 39);
        Map(sounds, new DrumSound
        {
            ToneWaveform = Waveform.Pulse, ToneLevel = 0.5f, ToneStartHz = 900f, ToneEndHz = 900f, ToneDecay = 0.03f, VelocityToLevel = 0.2f,
        }, 37);
        Map(sounds, ChipHat(0.04f, 0.6f), 42);
        Map(sounds, ChipHat(0.03f, 0.45f), 44);
        Map(sounds, ChipHat(0.25f, 0.55f), 46);
        Map(sounds, new DrumSound { Noise = NoiseKind.Lfsr, LfsrRateHz = 16000f, NoiseLevel = 0.6f, NoiseDecay = 0.9f, VelocityToLevel = 0.2f }, 49, 57, 52, 55);
        Map(sounds, new DrumSound { Noise = NoiseKind.LfsrShort, LfsrRateHz = 20000f, NoiseLevel = 0.35f, NoiseDecay = 0.5f, VelocityToLevel = 0.2f }, 51, 59, 53);
        for (var t = 0; t < s_tomPitches.Length; t++)
        {
            var hz = 90f + (t * 25f);
            Map(sounds, new DrumSound
            {
                ToneWaveform = Waveform.Triangle, ToneLevel = 0.9f, ToneStartHz = hz * 2f, ToneEndHz = hz, ToneSweep = 0.04f, ToneDecay = 0.25f,
                VelocityToLevel = 0.2f,
            }, s_tomPitches[t]);
        }

        return Kit(InstrumentCatalog.DrumsChip, "Chiptune kit: LFSR noise channel (long and short/metallic modes), pitched square kick, triangle toms.", ["chiptune"], sounds, null, 0.7f);
    }

    private static DrumSound Hat808(float decay, float level) => new()
    {
        MetalLevel = 1f, MetalDecay = decay, MetalBandHz = 10000f, MetalHighPassHz = 7000f, ChokeGroup = HatChoke, Pan = 0.2f, Level = level,
    };

    private static DrumSound NoiseHat(float decay, float cutoff, float level, float metal) => new()
    {
        NoiseLevel = 0.8f, NoiseFilter = FilterMode.HighPass, NoiseCutoff = cutoff, NoiseDecay = decay,
        MetalLevel = metal, MetalBaseHz = 320f, MetalDecay = decay, MetalBandHz = 9000f, MetalHighPassHz = 6500f,
        ChokeGroup = HatChoke, Pan = 0.2f, Level = level,
    };

    private static DrumSound ChipHat(float decay, float level) => new()
    {
        Noise = NoiseKind.LfsrShort, LfsrRateHz = 28000f, NoiseLevel = 1f, NoiseDecay = decay, NoiseFilter = FilterMode.HighPass,
        NoiseCutoff = 5000f, ChokeGroup = HatChoke, Level = level, VelocityToLevel = 0.2f,
    };

    private static void Toms(DrumSound?[] sounds, float[] hz, float sweepRatio, float decay, float noise)
    {
        for (var t = 0; t < s_tomPitches.Length; t++)
        {
            Map(sounds, new DrumSound
            {
                ToneLevel = 0.9f, ToneStartHz = hz[t] * sweepRatio, ToneEndHz = hz[t], ToneSweep = 0.06f, ToneDecay = decay,
                NoiseLevel = noise, NoiseFilter = FilterMode.LowPass, NoiseCutoff = 3000f, NoiseDecay = 0.06f, Pan = s_tomPans[t],
            }, s_tomPitches[t]);
        }
    }

    private static void Map(DrumSound?[] sounds, DrumSound sound, params int[] pitches)
    {
        foreach (var pitch in pitches)
        {
            sounds[pitch] = sound;
        }
    }

    private static DrumKitPreset Kit(string name, string description, string[] styles, DrumSound?[] sounds, InsertSpec? insert, float gain) => new()
    {
        Name = name,
        Description = description,
        Styles = styles,
        Role = InstrumentRole.Drums,
        Sounds = sounds,
        Insert = insert,
        Gain = gain,
    };
}
