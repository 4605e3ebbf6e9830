using System.Globalization;
using MusicAI.Sdk.Generation.Composition;
using MusicAI.Sdk.Generation.Synthesis;
using MusicAI.Sdk.Generation.Theory;

namespace MusicAI.Sdk.Generation.Prompts;

/// <summary>
/// Resolves a <see cref="GenerationRequest"/> into <see cref="SongParameters"/>: explicit values, then the prompt,
/// then the style preset and the seed. Each value the seed decides draws from its own random stream, so pinning one
/// value never changes another.
/// </summary>
internal static class ParameterResolver
{
    /// <summary>Default length of a song when none is given, in seconds (rounded to a multiple of 4 bars).</summary>
    public const double DefaultSongSeconds = 60;

    /// <summary>Default loop length in bars.</summary>
    public const int DefaultLoopBars = 8;

    private static readonly int[] s_tonics = [0, 2, 4, 5, 7, 9, 10, 3, 11, 1, 6, 8];
    private static readonly double[] s_tonicWeights = [1.2, 1.2, 1.0, 1.0, 1.2, 1.2, 0.7, 0.7, 0.4, 0.3, 0.4, 0.4];

    public static SongParameters Resolve(GenerationRequest request, SongGeneratorOptions options)
    {
        var prompt = request.Prompt is { } text ? PromptParser.Parse(text) : new PromptInterpretation();
        var warnings = new List<string>(prompt.Warnings);
        var seed = request.Seed ?? (SeededRandom.StableHash(request.ToString()) & 0x7FFF_FFFF); // 31 bits: easy to copy back into --seed, exact in JSON

        // Style.
        if (request.Style is { } explicitStyle && prompt.Style is { } promptStyle && explicitStyle != promptStyle)
        {
            warnings.Add($"WithStyle({StyleCatalog.Get(explicitStyle).Name}) overrides the prompt's style {StyleCatalog.Get(promptStyle).Name}.");
        }

        var style = request.Style ?? prompt.Style ?? (prompt.Brightness < 0 && prompt.EnergyBias > 0 ? MusicStyle.Combat : MusicStyle.Exploration);
        var preset = StyleCatalog.Get(style);

        // Metre.
        var meter = request.Meter ?? prompt.Meter ?? (MusicMeter)new SeededRandom(seed, RandomPurpose.Parameters, 0).PickWeighted(preset.MeterWeights);
        if (request.Meter is { } m && prompt.Meter is { } pm && m != pm)
        {
            warnings.Add($"WithMeter({m}) overrides the prompt's metre.");
        }

        // Tempo: explicit, prompt number, or the style range shifted by tempo and energy words.
        var tempoRandom = new SeededRandom(seed, RandomPurpose.Parameters, 1).NextDouble();
        double tempo;
        if (request.Tempo is { } t)
        {
            tempo = t;
            if (prompt.Tempo is { } pt && pt != t)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"WithTempo({t}) overrides the prompt's {pt} BPM."));
            }
        }
        else if (prompt.Tempo is { } pt)
        {
            tempo = pt;
        }
        else
        {
            var bias = prompt.TempoBias != 0 ? prompt.TempoBias : prompt.EnergyBias;
            var (from, to) = bias < 0 ? (0.0, 0.35) : bias > 0 ? (0.65, 1.0) : (0.2, 0.8);
            var position = from + ((to - from) * tempoRandom);
            tempo = Math.Round(preset.MinTempo + ((preset.MaxTempo - preset.MinTempo) * position));
        }

        // Key: mode from the key, a mode word, or the style's preferences filtered by mood; tonic from the key or the seed.
        var modeRandom = new SeededRandom(seed, RandomPurpose.Parameters, 2);
        var tonicRandom = new SeededRandom(seed, RandomPurpose.Parameters, 3);
        var explicitKey = request.Key ?? prompt.Key;
        if (request.Key is { } rk && prompt.Key is { } pk && rk != pk)
        {
            warnings.Add($"WithKey({rk}) overrides the prompt's key {pk}.");
        }

        var mode = explicitKey?.Mode ?? prompt.Mode ?? PickMode(preset, prompt, modeRandom);
        var tonic = explicitKey?.Tonic ?? s_tonics[tonicRandom.PickWeighted(s_tonicWeights)];
        var key = new MusicKey(tonic, mode);
        var tonicMidi = request.TonicMidi ?? DefaultTonicMidi(tonic);

        // Energy.
        var energy = request.Energy ?? Math.Clamp(preset.Energy + (0.2 * prompt.EnergyBias), 0.05, 1.0);

        // Length.
        var loop = request.Loop ?? prompt.Loop;
        var pulses = new MeterInfo(meter).PulsesPerBar;
        var barSeconds = pulses * 60.0 / tempo;
        int bars;
        if (request.Bars is { } b)
        {
            bars = b;
        }
        else if (request.Duration is { } d)
        {
            bars = BarsFor(d, barSeconds);
        }
        else if (prompt.Bars is { } pb)
        {
            bars = pb;
        }
        else if (prompt.Duration is { } pd)
        {
            bars = BarsFor(pd, barSeconds);
        }
        else
        {
            bars = loop ? DefaultLoopBars : Math.Max(8, (int)Math.Round(DefaultSongSeconds / barSeconds / 4) * 4);
        }

        bars = Math.Clamp(bars, 1, GenerationRequest.MaxBars);
        if (request.Bars is not null || request.Duration is not null)
        {
            if (prompt.Bars is not null || prompt.Duration is not null)
            {
                warnings.Add("The length set with WithBars/WithDuration overrides the prompt's length.");
            }
        }

        // Stems and instruments.
        var instruments = new InstrumentSpec?[StemRoles.Count];
        for (var r = 0; r < StemRoles.Count; r++)
        {
            var role = (StemRole)r;
            var enabled = request.StemEnabled(role) ?? (!prompt.Muted.Contains(role) && (role != StemRole.Strings || prompt.Added.Contains(role)));
            if (!enabled)
            {
                continue;
            }

            var spec = preset.Instrument(role);
            if (request.InstrumentOverride(role) is { } presetName && !presetName.Equals(spec.Preset, StringComparison.OrdinalIgnoreCase))
            {
                ValidateInstrument(role, presetName);
                spec = spec with { Preset = presetName, GmProgram = InstrumentPrograms.Guess(presetName, spec.GmProgram) };
            }

            instruments[r] = spec;
        }

        if (Array.TrueForAll(instruments, i => i is null))
        {
            throw new ArgumentException("Every stem is muted: enable at least one of drums, bass, chords, pad, melody, strings.");
        }

        var sampleRate = request.SampleRate ?? options.SampleRate;
        var mood = request.Mood ?? prompt.Mood;
        return new SongParameters(style, tempo, meter, key, tonicMidi, mood, energy, bars, loop, seed, sampleRate, instruments, warnings.AsReadOnly(), prompt.IgnoredWords.AsReadOnly());
    }

    /// <summary>Checks a user-chosen preset against the synthesizer catalog (drum stems need a kit, others a melodic preset).</summary>
    public static void ValidateInstrument(StemRole role, string preset)
    {
        var stem = StemRoles.Name(role);
        if (!InstrumentCatalog.Contains(preset))
        {
            throw new ArgumentException($"Unknown instrument '{preset}' for the {stem}. Instruments: {string.Join(", ", InstrumentCatalog.Names)}.", nameof(preset));
        }

        var isKit = InstrumentCatalog.IsDrumKit(preset);
        if (isKit != (role == StemRole.Drums))
        {
            throw new ArgumentException(
                role == StemRole.Drums
                    ? $"The drums need a drum kit, not '{preset}'. Kits: {string.Join(", ", InstrumentCatalog.DrumKits)}."
                    : $"'{preset}' is a drum kit; the {stem} need a melodic instrument. Instruments: {string.Join(", ", InstrumentCatalog.Names.Where(n => !InstrumentCatalog.IsDrumKit(n)))}.",
                nameof(preset));
        }
    }

    /// <summary>The default placement of a tonic: F3 (53) to E4 (64).</summary>
    public static int DefaultTonicMidi(int tonic) => 53 + Scale.Mod(tonic - 5, 12);

    /// <summary>Whole bars nearest to a duration (at least one).</summary>
    public static int BarsFor(TimeSpan duration, double barSeconds) =>
        (int)Math.Clamp(Math.Round(duration.TotalSeconds / barSeconds, MidpointRounding.AwayFromZero), 1, GenerationRequest.MaxBars);

    private static MusicMode PickMode(StylePreset preset, PromptInterpretation prompt, SeededRandom random)
    {
        Span<double> weights = stackalloc double[7];
        preset.ModeWeights.CopyTo(weights);
        for (var i = 0; i < 7; i++)
        {
            var minor = Scale.IsMinorFamily((MusicMode)i);
            if ((prompt.Brightness < 0 && !minor) || (prompt.Brightness > 0 && minor))
            {
                weights[i] = 0;
            }

            if (prompt.Mysterious && (MusicMode)i is MusicMode.Dorian or MusicMode.Phrygian or MusicMode.Lydian)
            {
                weights[i] = (weights[i] + 0.2) * 3;
            }
        }

        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        if (total <= 0)
        {
            // The style has no mode of the asked colour: use the plain one.
            return prompt.Brightness < 0 ? MusicMode.Minor : MusicMode.Major;
        }

        return (MusicMode)random.PickWeighted(weights);
    }
}
