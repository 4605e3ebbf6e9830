using System.Globalization;
using System.Text.RegularExpressions;
using MusicAI.Sdk.Generation.Composition;
using MusicAI.Sdk.Generation.Theory;

namespace MusicAI.Sdk.Generation.Prompts;

/// <summary>
/// The documented keyword mapping from a text prompt to generation parameters (not a neural model; see
/// <c>docs/generation.md</c> for the table). Conflicts resolve as: the last style, key, metre, mood, tempo or length
/// word wins, with a warning; an explicit number ("90 bpm") beats a tempo word ("slow"), with a warning; numbers out
/// of range are clamped, with a warning; words the mapping does not know are ignored and listed.
/// </summary>
internal static partial class PromptParser
{
    public const double MinTempo = 40;
    public const double MaxTempo = 240;

    private static readonly HashSet<string> s_stopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "in", "with", "and", "of", "for", "some", "music", "song", "track", "tune", "theme", "game",
        "video", "level", "at", "to", "on", "style", "key", "vibe", "vibes", "feel", "feeling", "beat", "please", "me",
        "make", "give", "generate", "create", "compose", "i", "want", "like", "that", "this", "is", "it", "mood",
        "background", "soundtrack", "bgm", "ost", "piece", "kind", "sort", "type", "very", "really", "bit", "scene",
        "sound", "sounding", "tempo", "around", "about", "long", "length", "stage", "area", "map", "menu", "full",
        "instrumental", "by", "from", "pretty", "quite", "somewhat", "kinda", "bpm", "but", "or", "than", "more",
    };

    private static readonly string[] s_modeWords = ["major", "minor", "dorian", "phrygian", "lydian", "mixolydian", "ionian", "aeolian", "maj", "min"];

    public static PromptInterpretation Parse(string prompt)
    {
        var result = new PromptInterpretation();
        var tokens = Tokenize(prompt);
        string? styleWord = null;
        string? tempoWord = null;
        string? brightWord = null;
        string? energyWord = null;
        string? keyText = null;
        string? lengthText = null;
        string? meterText = null;
        double? tempoText = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var original = tokens[i];
            var word = original.ToLowerInvariant();
            var next = i + 1 < tokens.Count ? tokens[i + 1].ToLowerInvariant() : string.Empty;

            // Keys first: "in D minor", "D minor", "Am", "F#m", "key of Eb", "B flat major".
            if (TryReadKey(tokens, i, out var key, out var consumed))
            {
                if (keyText is not null && result.Key != key)
                {
                    result.Warnings.Add($"Two keys in the prompt ('{keyText}' and '{key}'): using {key} (the last key wins).");
                }

                result.Key = key;
                keyText = key.ToString();
                i += consumed - 1;
                continue;
            }

            // Two-word style names ("lo fi", "chill hop", "8 bit", "retro game") before single words.
            if (next.Length > 0 && StyleCatalog.Parse(word + next) is { } pairStyle && StyleCatalog.Parse(word) != pairStyle)
            {
                SetStyle(result, ref styleWord, pairStyle, word + " " + next);
                i++;
                continue;
            }

            // Numbers with units: "90 bpm", "90bpm", "16 bars", "8-bar", "30 s", "2 minutes", "1:30".
            if (TryReadQuantity(word, next, out var value, out var unit, out var usesNext))
            {
                if (usesNext)
                {
                    i++;
                }

                switch (unit)
                {
                    case "bpm":
                        if (tempoText is not null && tempoText != value)
                        {
                            result.Warnings.Add($"Two tempi in the prompt ({tempoText.Value.ToString(CultureInfo.InvariantCulture)} and {value.ToString(CultureInfo.InvariantCulture)} BPM): using {value.ToString(CultureInfo.InvariantCulture)} BPM (the last number wins).");
                        }

                        tempoText = value;
                        var clamped = Math.Clamp(value, MinTempo, MaxTempo);
                        if (clamped != value)
                        {
                            result.Warnings.Add($"{value.ToString(CultureInfo.InvariantCulture)} BPM is outside {MinTempo}–{MaxTempo} BPM: clamped to {clamped.ToString(CultureInfo.InvariantCulture)} BPM.");
                        }

                        result.Tempo = clamped;
                        break;
                    case "bars":
                        if (value < 1 || value != Math.Floor(value))
                        {
                            result.Warnings.Add($"'{value.ToString(CultureInfo.InvariantCulture)} bars' ignored: a length in bars must be a whole number of 1 or more.");
                            break;
                        }

                        WarnLength(result, ref lengthText, $"{value.ToString(CultureInfo.InvariantCulture)} bars");
                        result.Bars = (int)value;
                        result.Duration = null;
                        break;
                    default:
                        if (value <= 0)
                        {
                            result.Warnings.Add("A duration of 0 ignored: a length must be more than 0.");
                            break;
                        }

                        WarnLength(result, ref lengthText, $"{value.ToString(CultureInfo.InvariantCulture)} s");
                        result.Duration = TimeSpan.FromSeconds(value);
                        result.Bars = null;
                        break;
                }

                continue;
            }

            if (double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                result.Warnings.Add($"The number {word} was ignored: write '{word} bpm', '{word} bars' or '{word} seconds'.");
                continue;
            }

            // Metre.
            MusicMeter? meter = word switch
            {
                "4/4" or "common-time" => MusicMeter.FourFour,
                "3/4" or "waltz" => MusicMeter.ThreeFour,
                "6/8" or "jig" or "compound" => MusicMeter.SixEight,
                _ => null,
            };
            if (meter is not null)
            {
                if (meterText is not null && result.Meter != meter)
                {
                    result.Warnings.Add($"Two metres in the prompt ('{meterText}' and '{word}'): using {word} (the last wins).");
                }

                result.Meter = meter;
                meterText = word;
                continue;
            }

            if (StyleCatalog.Parse(word) is { } style && word is not ("calm" or "peaceful" or "epic" or "tense" or "action"))
            {
                SetStyle(result, ref styleWord, style, word);
                continue;
            }

            // Moods: brightness (mode family), energy, colour.
            switch (word)
            {
                case "dark" or "darker" or "gloomy" or "sinister" or "ominous" or "scary" or "horror" or "sad" or "melancholic" or "melancholy" or "grim" or "evil" or "haunting":
                    SetBias(result, ref brightWord, word, -1, isEnergy: false);
                    continue;
                case "bright" or "happy" or "cheerful" or "uplifting" or "joyful" or "sunny" or "hopeful" or "triumphant" or "playful" or "cute":
                    SetBias(result, ref brightWord, word, 1, isEnergy: false);
                    continue;
                case "calm" or "peaceful" or "relaxed" or "relaxing" or "chill" or "gentle" or "soft" or "quiet" or "dreamy" or "serene" or "mellow" or "sleepy" or "lazy":
                    SetBias(result, ref energyWord, word, -1, isEnergy: true);
                    continue;
                case "energetic" or "intense" or "aggressive" or "driving" or "powerful" or "heroic" or "upbeat" or "exciting" or "epic" or "tense" or "action" or "frantic" or "urgent" or "heavy":
                    SetBias(result, ref energyWord, word, 1, isEnergy: true);
                    if (word is "epic" && styleWord is null)
                    {
                        result.Style = MusicStyle.Orchestral;
                        styleWord = word;
                    }
                    else if (word is "tense" or "action" && styleWord is null)
                    {
                        result.Style = MusicStyle.Combat;
                        styleWord = word;
                    }

                    continue;
                case "mysterious" or "mystic" or "mystical" or "eerie" or "strange" or "magical" or "ancient" or "exotic":
                    result.Mysterious = true;
                    continue;
            }

            // Tempo words.
            var bias = word switch
            {
                "slow" or "slower" or "laid-back" or "laidback" or "downtempo" or "ballad" => -1,
                "fast" or "faster" or "quick" or "uptempo" or "rapid" or "speedy" or "hyper" => 1,
                "medium" or "moderate" or "mid-tempo" or "midtempo" => 0,
                _ => int.MinValue,
            };
            if (bias != int.MinValue)
            {
                if (tempoWord is not null && result.TempoBias != bias)
                {
                    result.Warnings.Add($"'{tempoWord}' and '{word}' conflict: using '{word}' (the last tempo word wins).");
                }

                result.TempoBias = bias;
                tempoWord = word;
                continue;
            }

            // Mode words alone ("minor", "dorian") shape the mode and keep a random tonic.
            if (word is "major" or "minor" or "dorian" or "phrygian" or "lydian" or "mixolydian" or "ionian" or "aeolian" or "harmonic" && KeyNames.ParseMode(word) is { } modeOnly)
            {
                if (word == "harmonic" && next == "minor")
                {
                    i++;
                }

                result.Mode = modeOnly;
                continue;
            }

            // Loops, stems.
            if (word is "loop" or "loops" or "looping" or "loopable" or "looped" or "seamless" or "repeating")
            {
                result.Loop = true;
                continue;
            }

            if (word is "no" or "without" or "minus" && StemRoles.Parse(next) is { } muted)
            {
                result.Muted.Add(muted);
                result.Added.Remove(muted);
                i++;
                continue;
            }

            if (word is "drumless")
            {
                result.Muted.Add(StemRole.Drums);
                continue;
            }

            if (StemRoles.Parse(word) is StemRole.Strings)
            {
                result.Added.Add(StemRole.Strings);
                result.Muted.Remove(StemRole.Strings);
                continue;
            }

            if (StemRoles.Parse(word) is not null || s_stopWords.Contains(word) || word.Length == 0)
            {
                continue;
            }

            if (!result.IgnoredWords.Contains(original))
            {
                result.IgnoredWords.Add(original);
            }
        }

        // Mood words against the style: energy words only shade the style's energy, but say so when they pull the
        // other way ("calm combat" plays combat at lower energy; the style word wins).
        if (result.Style is MusicStyle.Combat or MusicStyle.Rock && result.EnergyBias < 0 && energyWord is not null)
        {
            result.Warnings.Add($"'{energyWord}' conflicts with the {StyleCatalog.Get(result.Style.Value).Name} style: playing {StyleCatalog.Get(result.Style.Value).Name} at lower energy (the style word wins over a mood word).");
        }
        else if (result.Style is MusicStyle.Ambient or MusicStyle.Exploration && result.EnergyBias > 0 && energyWord is not null)
        {
            result.Warnings.Add($"'{energyWord}' conflicts with the {StyleCatalog.Get(result.Style.Value).Name} style: playing {StyleCatalog.Get(result.Style.Value).Name} at higher energy (the style word wins over a mood word).");
        }

        if (result.Style is null && energyWord is not null && result.EnergyBias < 0)
        {
            result.Style = MusicStyle.Exploration; // a calm prompt with no style plays the calm/exploration preset
        }

        if (result.Tempo is not null && tempoWord is not null && result.TempoBias != 0)
        {
            result.Warnings.Add($"'{tempoWord}' ignored: the explicit {result.Tempo.Value.ToString(CultureInfo.InvariantCulture)} BPM wins.");
            result.TempoBias = 0;
        }

        if (result.Key is { } k && result.Mode is { } m && k.Mode != m)
        {
            result.Warnings.Add($"The mode word '{KeyNames.ModeName(m)}' conflicts with the key {k}: the key wins.");
            result.Mode = null;
        }

        return result;
    }

    private static void SetStyle(PromptInterpretation result, ref string? styleWord, MusicStyle style, string word)
    {
        if (styleWord is not null && result.Style != style)
        {
            result.Warnings.Add($"'{styleWord}' and '{word}' name different styles: using {StyleCatalog.Get(style).Name} (the last style word wins).");
        }

        result.Style = style;
        styleWord = word;
    }

    private static void SetBias(PromptInterpretation result, ref string? previousWord, string word, int bias, bool isEnergy)
    {
        var current = isEnergy ? result.EnergyBias : result.Brightness;
        if (previousWord is not null && current != bias)
        {
            result.Warnings.Add($"'{previousWord}' and '{word}' conflict: using '{word}' (the last mood word wins).");
        }

        if (isEnergy)
        {
            result.EnergyBias = bias;
        }
        else
        {
            result.Brightness = bias;
        }

        previousWord = word;
    }

    private static void WarnLength(PromptInterpretation result, ref string? lengthText, string text)
    {
        if (lengthText is not null && lengthText != text)
        {
            result.Warnings.Add($"Two lengths in the prompt ('{lengthText}' and '{text}'): using {text} (the last wins).");
        }

        lengthText = text;
    }

    private static bool TryReadKey(List<string> tokens, int i, out MusicKey key, out int consumed)
    {
        key = default;
        consumed = 0;
        var start = i;
        var lower = tokens[i].ToLowerInvariant();
        var hasContext = false;
        if (lower is "in" or "key")
        {
            start = i + 1;
            if (start < tokens.Count && tokens[start].Equals("of", StringComparison.OrdinalIgnoreCase))
            {
                start++;
            }

            hasContext = true;
        }

        if (start >= tokens.Count)
        {
            return false;
        }

        var tonic = tokens[start];
        if (!TonicPattern().IsMatch(tonic))
        {
            // Compact forms need a capital letter in prompts ("Am", "F#m", "Ebmaj"), so English "am" is not A minor.
            if (CompactKeyPattern().IsMatch(tonic) && KeyNames.TryParse(tonic, out key))
            {
                consumed = start - i + 1;
                return true;
            }

            return false;
        }

        var end = start + 1;
        var text = tonic;
        if (end < tokens.Count && tokens[end].ToLowerInvariant() is "flat" or "sharp")
        {
            text += " " + tokens[end];
            end++;
        }

        if (end < tokens.Count)
        {
            var modeWord = tokens[end].ToLowerInvariant();
            if (modeWord == "harmonic" && end + 1 < tokens.Count && tokens[end + 1].Equals("minor", StringComparison.OrdinalIgnoreCase))
            {
                text += " harmonic minor";
                end += 2;
            }
            else if (Array.IndexOf(s_modeWords, modeWord) >= 0)
            {
                text += " " + modeWord;
                end++;
            }
            else if (!hasContext)
            {
                return false; // a bare letter needs "in" or "key" before it ("a calm loop" is not A major)
            }
        }
        else if (!hasContext)
        {
            return false;
        }

        if (!KeyNames.TryParse(text, out key))
        {
            return false;
        }

        consumed = end - i;
        return true;
    }

    private static bool TryReadQuantity(string word, string next, out double value, out string unit, out bool usesNext)
    {
        value = 0;
        unit = string.Empty;
        usesNext = false;
        var time = ClockPattern().Match(word);
        if (time.Success)
        {
            value = (int.Parse(time.Groups[1].ValueSpan, CultureInfo.InvariantCulture) * 60) + int.Parse(time.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
            unit = "s";
            return true;
        }

        var match = QuantityPattern().Match(word);
        if (!match.Success)
        {
            if (word == "bpm" && double.TryParse(next, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            {
                unit = "bpm";
                usesNext = true;
                return true;
            }

            return false;
        }

        value = double.Parse(match.Groups[1].ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture);
        var suffix = match.Groups[2].Value;
        if (suffix.Length == 0)
        {
            suffix = next;
            usesNext = true;
        }

        unit = UnitOf(suffix);
        if (unit.Length == 0)
        {
            usesNext = false;
            return false;
        }

        if (unit == "min")
        {
            value *= 60;
            unit = "s";
        }
        else if (unit == "h")
        {
            value *= 3600;
            unit = "s";
        }

        return true;
    }

    private static string UnitOf(string suffix) => suffix.TrimStart('-') switch
    {
        "bpm" or "beats" => "bpm",
        "bar" or "bars" or "measure" or "measures" => "bars",
        "s" or "sec" or "secs" or "second" or "seconds" => "s",
        "m" or "min" or "mins" or "minute" or "minutes" => "min",
        "h" or "hr" or "hrs" or "hour" or "hours" => "h",
        _ => string.Empty,
    };

    private static List<string> Tokenize(string prompt)
    {
        var tokens = new List<string>();
        foreach (var raw in prompt.Split([' ', '\t', '\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Trim('.', ';', '!', '?', '(', ')', '"', '\'', '[', ']');
            if (token.Length > 0)
            {
                tokens.Add(token.Replace('♯', '#').Replace('♭', 'b'));
            }
        }

        return tokens;
    }

    [GeneratedRegex(@"^[A-Ga-g][#b]?$")]
    private static partial Regex TonicPattern();

    [GeneratedRegex(@"^[A-G][#b]?(m|min|maj|M)$")]
    private static partial Regex CompactKeyPattern();

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)-?([a-z]*)$")]
    private static partial Regex QuantityPattern();

    [GeneratedRegex(@"^(\d{1,3}):([0-5]\d)$")]
    private static partial Regex ClockPattern();
}
