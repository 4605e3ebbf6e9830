using System.Runtime.CompilerServices;

namespace MusicAI.Sdk.Generation.Composition;

/// <summary>
/// Composes sections for one set of <see cref="SongParameters"/>: harmony, drums, bass, chords, pad, melody and
/// strings, each from its own random stream. Owns the song's motifs and the voice-leading and melodic continuity
/// between sections, so sections must be composed in playing order. After construction, composing allocates nothing
/// (an adaptive stream composes ahead on its audio thread). Not thread-safe.
/// </summary>
internal sealed class SectionComposer
{
    private readonly int[][] _progressions;
    private readonly bool _sevenths;
    private readonly MelodyWriter _melody = new();
    private readonly ChordWriter _chords = new(StemRole.Chords);
    private readonly ChordWriter _pad = new(StemRole.Pad);
    private readonly ChordWriter _strings = new(StemRole.Strings);
    private readonly SeededRandom _rng = new(0);
    private bool _warmedUp;

    /// <param name="parameters">What to compose.</param>
    /// <param name="theme">
    /// Another composer whose motifs to reuse: an adaptive stream passes its first state's composer to the others so
    /// that explore, combat and victory develop one theme. Default: motifs composed from the parameters' seed.
    /// </param>
    public SectionComposer(SongParameters parameters, SectionComposer? theme = null)
    {
        Parameters = parameters;
        var style = parameters.Preset;
        if (theme is null)
        {
            MelodyWriter.ComposeMotif(new SeededRandom(parameters.Seed, RandomPurpose.Motif, 0), style, parameters.MeterInfo, MotifA);
            MelodyWriter.ComposeMotif(new SeededRandom(parameters.Seed, RandomPurpose.Motif, 1), style, parameters.MeterInfo, MotifB);
        }
        else
        {
            MotifA.CopyFrom(theme.MotifA);
            MotifB.CopyFrom(theme.MotifB);
        }

        _progressions = HarmonyWriter.ChooseProgressions(style, parameters.Key, parameters.Seed);
        _sevenths = HarmonyWriter.ChooseSevenths(style, parameters.Seed);
    }

    public SongParameters Parameters { get; }

    public Motif MotifA { get; } = new();

    public Motif MotifB { get; } = new();

    /// <summary>The energy of a section kind in this song.</summary>
    public double SectionEnergy(SectionKind kind) => Math.Clamp(Parameters.Energy + SectionKinds.EnergyOffset(kind), 0.05, 1.0);

    /// <summary>
    /// Composes a section into <paramref name="target"/>.
    /// </summary>
    /// <param name="target">Receives the section (cleared first).</param>
    /// <param name="kind">The section's role.</param>
    /// <param name="bars">Its length in bars.</param>
    /// <param name="occurrence">How many sections of this kind came before (selects motif B for odd loop sections).</param>
    /// <param name="variation">0 for the first playing; higher for varied repeats of an adaptive state.</param>
    /// <param name="endsLoop">Whether the section's end wraps to the loop's start (melody closes near its first note).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Compose(SectionScore target, SectionKind kind, int bars, int occurrence, int variation, bool endsLoop)
    {
        var p = Parameters;
        var style = p.Preset;
        var meter = p.MeterInfo;
        var mode = p.Key.Mode;
        var energy = SectionEnergy(kind);
        target.Reset(kind, bars, meter.TicksPerBar, energy, occurrence);
        var closeOnTonic = kind == SectionKind.Outro || (!p.IsLoop && kind is SectionKind.Verse or SectionKind.Chorus && bars >= 8);
        HarmonyWriter.Fill(target, _progressions[(int)kind], mode, _sevenths, style.BarsPerChord, closeOnTonic);

        var voices = _sevenths ? 4 : 3;
        if (kind == SectionKind.Loop && !_warmedUp)
        {
            // Voice-lead through the loop once so that its first voicing follows from its last: the wrap is smooth.
            _chords.WarmUp(target, p.TonicMidi, voices);
            _pad.WarmUp(target, p.TonicMidi, voices);
            _strings.WarmUp(target, p.TonicMidi, 3);
            _warmedUp = true;
        }

        var randomIndex = ((int)kind * 100_000) + (occurrence * 1000) + variation;
        var swing = style.Swing;
        if (p.Instrument(StemRole.Drums) is not null)
        {
            _rng.Reset(p.Seed, RandomPurpose.Drums, randomIndex);
            DrumWriter.Write(target, target.Stem(StemRole.Drums), style, meter, _rng, swing, p.IsLoop);
        }

        if (p.Instrument(StemRole.Bass) is not null)
        {
            _rng.Reset(p.Seed, RandomPurpose.Bass, randomIndex);
            BassWriter.Write(target, target.Stem(StemRole.Bass), style, meter, p.TonicMidi, mode, kind == SectionKind.Loop, _rng, swing);
        }

        if (p.Instrument(StemRole.Chords) is not null)
        {
            _rng.Reset(p.Seed, RandomPurpose.Chords, randomIndex);
            _chords.Write(target, target.Stem(StemRole.Chords), style, meter, p.TonicMidi, voices, swing, _rng);
        }

        if (p.Instrument(StemRole.Pad) is not null)
        {
            _rng.Reset(p.Seed, RandomPurpose.Pad, randomIndex);
            _pad.Write(target, target.Stem(StemRole.Pad), style, meter, p.TonicMidi, voices, swing, _rng);
        }

        if (p.Instrument(StemRole.Melody) is not null)
        {
            var melodyTonic = p.TonicMidi + 12 + (12 * style.MelodyOctave);
            var context = new MelodyContext(p.Seed, mode, meter, melodyTonic, swing, randomIndex, occurrence > 0 || variation > 0, endsLoop);
            _melody.Write(target, target.Stem(StemRole.Melody), MotifA, MotifB, context);
        }

        if (p.Instrument(StemRole.Strings) is not null)
        {
            _rng.Reset(p.Seed, RandomPurpose.Strings, randomIndex);
            _strings.Write(target, target.Stem(StemRole.Strings), style, meter, p.TonicMidi, 3, swing, _rng);
        }

        target.Normalize();
    }
}
