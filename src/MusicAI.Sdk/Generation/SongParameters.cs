using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using MusicAI.Sdk.Generation.Composition;
using MusicAI.Sdk.Generation.Theory;

namespace MusicAI.Sdk.Generation;

/// <summary>
/// The fully resolved parameters of a generation: what the prompt, the request and the seed decided. The same
/// parameters and seed always give the same music.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
[Experimental("MUSICAI001")]
public sealed class SongParameters
{
    private readonly InstrumentSpec?[] _instruments;

    internal SongParameters(
        MusicStyle style,
        double tempoBpm,
        MusicMeter meter,
        MusicKey key,
        int tonicMidi,
        string mood,
        double energy,
        int bars,
        bool isLoop,
        long seed,
        int sampleRate,
        InstrumentSpec?[] instruments,
        IReadOnlyList<string> warnings,
        IReadOnlyList<string> ignoredWords)
    {
        Style = style;
        TempoBpm = tempoBpm;
        Meter = meter;
        Key = key;
        TonicMidi = tonicMidi;
        Mood = mood;
        Energy = energy;
        Bars = bars;
        IsLoop = isLoop;
        Seed = seed;
        SampleRate = sampleRate;
        _instruments = instruments;
        Warnings = warnings;
        IgnoredWords = ignoredWords;
        MeterInfo = new MeterInfo(meter);
        var stems = new List<string>();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var r = 0; r < instruments.Length; r++)
        {
            if (instruments[r] is { } spec)
            {
                stems.Add(StemRoles.Name((StemRole)r));
                map[StemRoles.Name((StemRole)r)] = spec.Preset;
            }
        }

        Stems = stems.AsReadOnly();
        Instruments = map.AsReadOnly();
    }

    /// <summary>Gets the style preset.</summary>
    public MusicStyle Style { get; }

    /// <summary>Gets the tempo in beats (pulses) per minute; in 6/8 the pulse is the dotted quarter.</summary>
    public double TempoBpm { get; }

    /// <summary>Gets the metre.</summary>
    public MusicMeter Meter { get; }

    /// <summary>Gets the key.</summary>
    public MusicKey Key { get; }

    /// <summary>Gets the mood word that shaped mode and energy (<c>"neutral"</c> when none was given).</summary>
    public string Mood { get; }

    /// <summary>Gets the energy, 0–1: drum density, rhythmic activity and velocities.</summary>
    public double Energy { get; }

    /// <summary>Gets the length in bars (of the loop, or of the song without its release tail).</summary>
    public int Bars { get; }

    /// <summary>Gets a value indicating whether the music is a seamless loop.</summary>
    public bool IsLoop { get; }

    /// <summary>Gets the seed.</summary>
    public long Seed { get; }

    /// <summary>Gets the output sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Gets the beats (pulses) per bar: 4 in 4/4, 3 in 3/4, 2 in 6/8.</summary>
    public int BeatsPerBar => MeterInfo.PulsesPerBar;

    /// <summary>Gets the length of <see cref="Bars"/> bars at <see cref="TempoBpm"/>.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(Bars * BeatsPerBar * 60.0 / TempoBpm);

    /// <summary>Gets the names of the stems that play, in mixing order (for example <c>drums, bass, chords, pad, melody</c>).</summary>
    public IReadOnlyList<string> Stems { get; }

    /// <summary>Gets the synthesizer preset of each stem that plays.</summary>
    public IReadOnlyDictionary<string, string> Instruments { get; }

    /// <summary>Gets what was adjusted or ignored while resolving (conflicting prompt words, clamped tempi, …).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Gets the prompt words that mean nothing to the keyword mapping (see <c>docs/generation.md</c>).</summary>
    public IReadOnlyList<string> IgnoredWords { get; }

    internal MeterInfo MeterInfo { get; }

    /// <summary>The MIDI pitch of the tonic that every part is placed relative to (F3–E4, or shifted by transposition).</summary>
    internal int TonicMidi { get; }

    internal StylePreset Preset => StyleCatalog.Get(Style);

    /// <summary>The instrument of a role, or null when the stem is muted or absent.</summary>
    internal InstrumentSpec? Instrument(StemRole role) => _instruments[(int)role];

    /// <summary>
    /// The parameters of an adaptive state: same tempo, metre, tonic register, seed and mutes; another style (its
    /// instruments unless it is this style), key, energy and loop length.
    /// </summary>
    internal SongParameters WithStateOverrides(MusicStyle style, MusicKey key, double energy, int bars)
    {
        var preset = StyleCatalog.Get(style);
        var instruments = new InstrumentSpec?[_instruments.Length];
        for (var r = 0; r < instruments.Length; r++)
        {
            instruments[r] = _instruments[r] is null ? null : style == Style ? _instruments[r] : preset.Instrument((StemRole)r);
        }

        return new SongParameters(style, TempoBpm, Meter, key, TonicMidi, Mood, energy, bars, isLoop: true, Seed, SampleRate, instruments, Warnings, IgnoredWords);
    }

    /// <summary>Returns a one-line summary, for example <c>"combat, 90 BPM, 4/4, D minor, 16 bars, loop, seed 42"</c>.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
    {
        var meter = Meter switch
        {
            MusicMeter.ThreeFour => "3/4",
            MusicMeter.SixEight => "6/8",
            _ => "4/4",
        };
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Preset.Name}, {TempoBpm:0.##} BPM, {meter}, {Key}, {Bars} bars{(IsLoop ? ", loop" : string.Empty)}, mood {Mood}, energy {Energy:0.00}, seed {Seed}");
    }
}
