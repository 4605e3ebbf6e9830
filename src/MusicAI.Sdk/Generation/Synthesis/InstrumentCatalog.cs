using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// The instrument presets a strip can play (<see cref="ISynthesizer.AddStrip"/>), melodic and drum kits. Names are
/// kebab-case and matched case-insensitively; each has a constant here, a description, a role and the composer
/// styles it suits (see <c>docs/generation-synth.md</c>).
/// </summary>
internal static class InstrumentCatalog
{
    /// <summary>Pure sine sub bass with a hint of triangle (audible on small speakers); mono legato.</summary>
    public const string SubBass = "sub-bass";

    /// <summary>Analog-style detuned saws + sub square through a 24 dB low-pass with a snappy filter envelope; mono.</summary>
    public const string SawBass = "saw-bass";

    /// <summary>Two-operator FM bass with feedback and a decaying index (bright attack, round tail); mono.</summary>
    public const string FmBass = "fm-bass";

    /// <summary>Band-limited triangle bass in the game-console style; mono.</summary>
    public const string ChipTriangleBass = "chip-triangle-bass";

    /// <summary>Picked electric-bass-ish: saw + square, pick noise, fast filter decay, light drive; mono.</summary>
    public const string PickedBass = "picked-bass";

    /// <summary>FM electric piano (two operator pairs, tine attack, tremolo).</summary>
    public const string ElectricPiano = "electric-piano";

    /// <summary>Electric piano with tape wobble, saturation, bit and sample-rate reduction and a dark tone.</summary>
    public const string LofiKeys = "lofi-keys";

    /// <summary>Drawbar organ wavetable with key click and Leslie-like vibrato/tremolo.</summary>
    public const string Organ = "organ";

    /// <summary>Soft piano: struck-string wavetable that darkens as it decays, hammer noise.</summary>
    public const string SoftPiano = "soft-piano";

    /// <summary>Filter-enveloped saw pluck (arpeggios).</summary>
    public const string Pluck = "pluck";

    /// <summary>Game-console pulse, 12.5 % duty.</summary>
    public const string ChipPulse12 = "chip-pulse-12";

    /// <summary>Game-console pulse, 25 % duty.</summary>
    public const string ChipPulse25 = "chip-pulse-25";

    /// <summary>Game-console square, 50 % duty.</summary>
    public const string ChipSquare = "chip-square";

    /// <summary>Warm detuned-saw pad, slow attack, slowly moving filter (stereo).</summary>
    public const string WarmPad = "warm-pad";

    /// <summary>String-ensemble pad in the 1970s/80s machine style (stereo).</summary>
    public const string StringPad = "string-pad";

    /// <summary>Choir/airy pad: detuned sines, an octave triangle and breath noise around the note (stereo).</summary>
    public const string ChoirPad = "choir-pad";

    /// <summary>Morphing wavetable pad (stereo).</summary>
    public const string WavetablePad = "wavetable-pad";

    /// <summary>Detuned saw lead with delayed vibrato and glide; mono legato.</summary>
    public const string SawLead = "saw-lead";

    /// <summary>Square lead with an octave layer, vibrato and glide; mono legato.</summary>
    public const string SquareLead = "square-lead";

    /// <summary>Inharmonic FM bell (celesta/music-box-like), long decay.</summary>
    public const string FmBell = "fm-bell";

    /// <summary>Soft flute-like sine lead with breath noise and vibrato; mono legato.</summary>
    public const string FluteLead = "flute-lead";

    /// <summary>Distorted "guitar" lead: saws into a hard soft-clipper and a cabinet-like 24 dB low-pass (power chords too).</summary>
    public const string GuitarLead = "guitar-lead";

    /// <summary>Brass-ish stab: saws with a swelling filter and a pitch scoop.</summary>
    public const string BrassStab = "brass-stab";

    /// <summary>Orchestral-ish strings: slow-attack detuned saws, key-tracked low-pass, delayed vibrato (stereo).</summary>
    public const string Strings = "strings";

    /// <summary>Timpani-ish: inharmonic drum partials, mallet noise, pitch drop at the hit.</summary>
    public const string Timpani = "timpani";

    /// <summary>Cinematic boom: pitch-dropping sub sine, noise burst, saturation (tension hits).</summary>
    public const string Boom = "boom";

    /// <summary>Electronic/808 drum kit.</summary>
    public const string Drums808 = "drums-808";

    /// <summary>Acoustic-ish drum kit.</summary>
    public const string DrumsAcoustic = "drums-acoustic";

    /// <summary>Lo-fi drum kit: darker, saturated, bit- and rate-reduced.</summary>
    public const string DrumsLofi = "drums-lofi";

    /// <summary>Chiptune drum kit: LFSR noise channel and pitched square kick.</summary>
    public const string DrumsChip = "drums-chip";

    private static readonly InstrumentDefinition[] s_all = [.. MelodicPresets.Create(), .. DrumKitPresets.Create()];

    private static readonly FrozenDictionary<string, InstrumentDefinition> s_byName =
        s_all.ToFrozenDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets every preset name, melodic first, then drum kits.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. s_all.Select(d => d.Name)];

    /// <summary>Gets the drum-kit names.</summary>
    public static IReadOnlyList<string> DrumKits { get; } = [.. s_all.Where(d => d.Role == InstrumentRole.Drums).Select(d => d.Name)];

    /// <summary>Returns whether <paramref name="name"/> is a preset.</summary>
    public static bool Contains(string name) => s_byName.ContainsKey(name);

    /// <summary>Returns whether <paramref name="name"/> is a drum kit.</summary>
    public static bool IsDrumKit(string name) => s_byName.TryGetValue(name, out var d) && d is DrumKitPreset;

    /// <summary>Looks a preset up.</summary>
    public static bool TryGet(string name, [NotNullWhen(true)] out InstrumentDefinition? definition) =>
        s_byName.TryGetValue(name, out definition);

    /// <summary>Returns a preset, or throws <see cref="ArgumentException"/> listing the valid names.</summary>
    public static InstrumentDefinition Get(string name) =>
        TryGet(name, out var definition)
            ? definition
            : throw new ArgumentException($"Unknown instrument '{name}'. Use one of: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>Returns the names of the presets with <paramref name="role"/>.</summary>
    public static IReadOnlyList<string> WithRole(InstrumentRole role) => [.. s_all.Where(d => d.Role == role).Select(d => d.Name)];
}
