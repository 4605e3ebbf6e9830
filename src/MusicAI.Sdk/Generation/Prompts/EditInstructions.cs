using System.Globalization;
using System.Text.RegularExpressions;
using MusicAI.Sdk.Generation.Composition;

namespace MusicAI.Sdk.Generation.Prompts;

/// <summary>
/// The documented table of editing instructions (see <c>docs/generation.md</c>), applied to a request whose values
/// are all pinned (so the seed, themes and everything not named stay as they were).
/// </summary>
internal static partial class EditInstructions
{
    public const string Understood =
        "remove|mute|no <stem>; add|unmute|bring back <stem>; solo <stem> (or '<stem> only'); " +
        "transpose up|down <n> (semitones, or 'an octave'); in <key> (for example 'in E minor'); major|minor|dorian|phrygian|lydian|mixolydian|harmonic minor; " +
        "faster; slower; much faster; much slower; tempo <bpm> (or '<bpm> bpm'); calmer|softer|less intense; more intense|more energetic|heavier; " +
        "darker|sadder; brighter|happier; style <name> (or just the style name); <n> bars; longer; shorter; loop; no loop; " +
        "use <instrument> for <stem>. Stems: drums, bass, chords, pad, melody, strings. " +
        "Join several with commas or 'and'; 'make it', 'please' and 'the' are optional.";

    public static GenerationRequest Apply(GenerationRequest pinned, string instruction)
    {
        var clauses = ClauseSeparator().Split(instruction);
        var request = pinned;
        var any = false;
        foreach (var raw in clauses)
        {
            var clause = Normalize(raw);
            if (clause.Length == 0)
            {
                continue;
            }

            request = ApplyOne(request, clause, raw.Trim());
            any = true;
        }

        if (!any)
        {
            throw new ArgumentException($"The instruction is empty. Understood instructions: {Understood}", nameof(instruction));
        }

        return request;
    }

    private static GenerationRequest ApplyOne(GenerationRequest request, string clause, string original)
    {
        var p = request.Resolve();
        Match match;

        switch (clause)
        {
            case "loop" or "make it loop" or "as a loop" or "loopable" or "seamless loop":
                return request.AsLoop(true);
            case "no loop" or "not a loop" or "don't loop" or "do not loop" or "as a song" or "song":
                return request.AsLoop(false);
            case "faster" or "quicker" or "speed up" or "speed it up" or "a bit faster" or "more tempo":
                return SetTempo(request, p.TempoBpm * 1.15);
            case "much faster" or "double time" or "way faster":
                return SetTempo(request, p.TempoBpm * 1.3);
            case "slower" or "slow down" or "slow it down" or "a bit slower" or "less tempo":
                return SetTempo(request, p.TempoBpm / 1.15);
            case "much slower" or "half time" or "way slower":
                return SetTempo(request, p.TempoBpm / 1.3);
            case "calmer" or "softer" or "more relaxed" or "less intense" or "gentler" or "quieter" or "mellower" or "more chill" or "chill" or "calm" or "relaxed" or "less energetic" or "less busy" or "sparser":
                return request.Copy(r =>
                {
                    r.SetEnergyUnchecked(Math.Clamp(p.Energy - 0.25, 0.05, 1.0));
                    r.SetMood("calm");
                });
            case "more intense" or "more energetic" or "heavier" or "harder" or "busier" or "more exciting" or "intense" or "energetic" or "pump it up" or "more energy" or "epic" or "more epic":
                return request.Copy(r =>
                {
                    r.SetEnergyUnchecked(Math.Clamp(p.Energy + 0.25, 0.05, 1.0));
                    r.SetMood("energetic");
                });
            case "darker" or "sadder" or "more sinister" or "dark" or "sad" or "more ominous" or "gloomier" or "moodier":
                return request.Copy(r =>
                {
                    r.SetKeyKeepingRegister(new MusicKey(p.Key.Tonic, Darker(p.Key.Mode)));
                    r.SetMood("dark");
                });
            case "brighter" or "happier" or "more cheerful" or "bright" or "happy" or "more uplifting" or "lighter":
                return request.Copy(r =>
                {
                    r.SetKeyKeepingRegister(new MusicKey(p.Key.Tonic, Brighter(p.Key.Mode)));
                    r.SetMood("bright");
                });
            case "longer":
                return request.Copy(r => r.SetBarsUnchecked(Math.Min(p.Bars * 2, GenerationRequest.MaxBars)));
            case "shorter":
                return request.Copy(r => r.SetBarsUnchecked(Math.Max(1, p.Bars / 2)));
        }

        if (Theory.KeyNames.ParseMode(clause) is { } mode && clause.Length > 1 && clause is not ("m" or "maj" or "min" or "mix" or "dor" or "lyd" or "phryg" or "harmonic"))
        {
            return request.Copy(r => r.SetKeyKeepingRegister(new MusicKey(p.Key.Tonic, mode)));
        }

        if ((match = Transpose().Match(clause)).Success)
        {
            var amount = match.Groups["octave"].Success ? 12 : int.Parse(match.Groups["n"].ValueSpan, CultureInfo.InvariantCulture);
            var down = match.Groups["dir"].Value is "down" or "-";
            var semitones = down ? -amount : amount;
            if (Math.Abs(semitones) > 24)
            {
                throw new ArgumentException($"'{original}': transpose by at most 24 semitones.", nameof(clause));
            }

            return request.Copy(r =>
            {
                r.SetKeyKeepingRegister(p.Key.Transpose(semitones));
                r.SetTonicMidi(p.TonicMidi + semitones);
            });
        }

        if ((match = KeyChange().Match(clause)).Success)
        {
            if (!MusicKey.TryParse(match.Groups["key"].Value, out var key))
            {
                throw new ArgumentException($"'{original}': '{match.Groups["key"].Value}' is not a key. {Theory.KeyNames.AcceptedForms}", nameof(clause));
            }

            return request.WithKey(key);
        }

        if ((match = TempoValue().Match(clause)).Success)
        {
            var bpm = double.Parse(match.Groups["n"].ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (bpm is < PromptParser.MinTempo or > PromptParser.MaxTempo)
            {
                throw new ArgumentException($"'{original}': the tempo must be {PromptParser.MinTempo} to {PromptParser.MaxTempo} BPM.", nameof(clause));
            }

            return request.WithTempo(bpm);
        }

        if ((match = BarCount().Match(clause)).Success)
        {
            return request.WithBars(int.Parse(match.Groups["n"].ValueSpan, CultureInfo.InvariantCulture));
        }

        if ((match = UseInstrument().Match(clause)).Success)
        {
            return request.WithInstrument(StemOrThrow(match.Groups["stem"].Value, original).ToString(), match.Groups["preset"].Value);
        }

        if ((match = Solo().Match(clause)).Success)
        {
            var solo = StemOrThrow(match.Groups["stem"].Value, original);
            return request.Copy(r =>
            {
                for (var s = 0; s < StemRoles.Count; s++)
                {
                    r.SetStem((StemRole)s, (StemRole)s == solo);
                }
            });
        }

        if ((match = Mute().Match(clause)).Success)
        {
            var stem = StemOrThrow(match.Groups["stem"].Value, original);
            return request.Copy(r => r.SetStem(stem, false));
        }

        if ((match = Enable().Match(clause)).Success)
        {
            var stem = StemOrThrow(match.Groups["stem"].Value, original);
            return request.Copy(r =>
            {
                r.SetStem(stem, true);
                if (r.InstrumentOverride(stem) is null)
                {
                    r.SetInstrument(stem, null);
                }
            });
        }

        var styleText = clause.StartsWith("style ", StringComparison.Ordinal) ? clause[6..] : clause;
        if (StyleCatalog.Parse(styleText) is { } style)
        {
            return request.Copy(r =>
            {
                r.SetStyleKeepingRest(style);
                for (var s = 0; s < StemRoles.Count; s++)
                {
                    r.SetInstrument((StemRole)s, null); // the new style's instruments
                }
            });
        }

        throw new ArgumentException($"Cannot understand the instruction '{original}'. Understood instructions: {Understood}", nameof(clause));
    }

    private static GenerationRequest SetTempo(GenerationRequest request, double bpm) =>
        request.Copy(r => r.SetTempoUnchecked(Math.Round(Math.Clamp(bpm, PromptParser.MinTempo, PromptParser.MaxTempo), 1)));

    private static StemRole StemOrThrow(string text, string original) =>
        StemRoles.Parse(text) ?? throw new ArgumentException(
            $"'{original}': '{text}' is not a stem. Stems: drums, bass, chords, pad, melody, strings. Understood instructions: {Understood}", nameof(text));

    private static MusicMode Darker(MusicMode mode) => mode switch
    {
        MusicMode.Major => MusicMode.Minor,
        MusicMode.Lydian => MusicMode.Dorian,
        MusicMode.Mixolydian => MusicMode.Dorian,
        MusicMode.Dorian => MusicMode.Minor,
        MusicMode.Minor => MusicMode.Phrygian,
        _ => mode,
    };

    private static MusicMode Brighter(MusicMode mode) => mode switch
    {
        MusicMode.Minor => MusicMode.Major,
        MusicMode.HarmonicMinor => MusicMode.Major,
        MusicMode.Dorian => MusicMode.Mixolydian,
        MusicMode.Phrygian => MusicMode.Minor,
        MusicMode.Major => MusicMode.Lydian,
        MusicMode.Mixolydian => MusicMode.Major,
        _ => mode,
    };

    private static string Normalize(string clause)
    {
        var text = WhiteSpace().Replace(clause.Trim().ToLowerInvariant(), " ").Trim('.', '!', ' ');
        foreach (var prefix in (ReadOnlySpan<string>)["please ", "can you ", "could you ", "make it ", "make the song ", "make the music ", "make this ", "and ", "then "])
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                text = text[prefix.Length..];
            }
        }

        if (text.EndsWith(" please", StringComparison.Ordinal))
        {
            text = text[..^7];
        }

        return text.Trim();
    }

    [GeneratedRegex(@"\s*(?:,|;|\band then\b|\bthen\b|\band\b)\s*")]
    private static partial Regex ClauseSeparator();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"^(?:transpose\s+(?:it\s+)?|shift\s+(?:it\s+)?|pitch\s+)?(?<dir>up|down|\+|-)\s*(?:(?<octave>an octave|one octave|1 octave)|(?<n>\d{1,2})(?:\s*(?:semitones?|half[- ]?steps?|steps?|st))?)$")]
    private static partial Regex Transpose();

    [GeneratedRegex(@"^(?:in|to|key of|in the key of|change key to|change the key to|modulate to|key)\s+(?<key>.+)$")]
    private static partial Regex KeyChange();

    [GeneratedRegex(@"^(?:(?:set\s+)?(?:the\s+)?tempo\s+(?:to\s+)?|at\s+|bpm\s+)?(?<n>\d+(?:\.\d+)?)(?:\s*bpm)?$")]
    private static partial Regex TempoValue();

    [GeneratedRegex(@"^(?<n>\d{1,5})[\s-]*bars?$")]
    private static partial Regex BarCount();

    [GeneratedRegex(@"^(?:use|play)\s+(?:an?\s+|the\s+)?(?<preset>[a-z0-9][a-z0-9_\-]*)\s+(?:for|on)\s+(?:the\s+)?(?<stem>[a-z ]+)$")]
    private static partial Regex UseInstrument();

    [GeneratedRegex(@"^(?:(?:solo|only)\s+(?:the\s+)?(?<stem>[a-z ]+)|(?:the\s+)?(?<stem>[a-z ]+?)\s+only)$")]
    private static partial Regex Solo();

    [GeneratedRegex(@"^(?:remove|mute|drop|delete|kill|cut|no|without|lose|take out)\s+(?:the\s+|all\s+)?(?<stem>[a-z ]+)$")]
    private static partial Regex Mute();

    [GeneratedRegex(@"^(?:add|unmute|bring back|restore|with|enable|put back)\s+(?:the\s+|some\s+|a\s+)?(?<stem>[a-z ]+)$")]
    private static partial Regex Enable();
}
