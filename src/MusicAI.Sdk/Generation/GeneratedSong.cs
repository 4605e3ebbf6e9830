using System.Diagnostics.CodeAnalysis;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Generation.Composition;
using MusicAI.Sdk.Generation.Theory;
using MusicAI.Sdk.Midi;

namespace MusicAI.Sdk.Generation;

/// <summary>
/// A generated song or loop: the stereo mix, optional per-stem audio that sums to the mix, the resolved parameters,
/// the sections with their times, and MIDI of every stem.
/// </summary>
/// <remarks>
/// <para>Owns pooled audio memory: dispose it (a <c>using</c> declaration is enough). <see cref="Mix"/> and
/// <see cref="Stems"/> must not be used after disposal.</para>
/// <para>A loop is exactly <c>round(bars × beatsPerBar × 60 / bpm × sampleRate)</c> frames and repeats seamlessly;
/// a song lasts its bars plus a release tail of <see cref="TailSeconds"/> seconds that fades to silence.</para>
/// </remarks>
[Experimental("MUSICAI001")]
public sealed class GeneratedSong : IDisposable
{
    /// <summary>The release tail after the last bar of a song (not of a loop), in seconds.</summary>
    public const double TailSeconds = 2.5;

    private readonly IReadOnlyList<SectionScore> _scores;
    private readonly IReadOnlyList<PlannedSection> _plan;
    private AudioBuffer? _mix;
    private Dictionary<string, AudioBuffer>? _stems;

    internal GeneratedSong(GenerationRequest request, SongParameters parameters, AudioBuffer mix, Dictionary<string, AudioBuffer> stems, IReadOnlyList<SongSection> sections, IReadOnlyList<PlannedSection> plan, IReadOnlyList<SectionScore> scores)
    {
        Request = request;
        Parameters = parameters;
        _mix = mix;
        _stems = stems;
        Sections = sections;
        _plan = plan;
        _scores = scores;
    }

    /// <summary>Gets the stereo mix.</summary>
    public AudioBuffer Mix
    {
        get
        {
            ObjectDisposedException.ThrowIf(_mix is null, this);
            return _mix;
        }
    }

    /// <summary>
    /// Gets the stereo audio of each stem (drums, bass, chords, pad, melody, strings — those that play), when the
    /// request asked for stems; otherwise empty. The stems add up to <see cref="Mix"/> (up to float rounding).
    /// </summary>
    public IReadOnlyDictionary<string, AudioBuffer> Stems
    {
        get
        {
            ObjectDisposedException.ThrowIf(_stems is null, this);
            return _stems;
        }
    }

    /// <summary>Gets the resolved parameters (style, tempo, key, seed, …), including warnings and ignored prompt words.</summary>
    public SongParameters Parameters { get; }

    /// <summary>Gets a request with every parameter pinned: generating it again reproduces this song bit for bit.</summary>
    public GenerationRequest Request { get; }

    /// <summary>Gets the sections in playing order.</summary>
    public IReadOnlyList<SongSection> Sections { get; }

    /// <summary>Gets the seed.</summary>
    public long Seed => Parameters.Seed;

    /// <summary>Gets a value indicating whether this is a seamless loop.</summary>
    public bool IsLoop => Parameters.IsLoop;

    /// <summary>Gets the duration of the audio.</summary>
    public TimeSpan Duration => Mix.Duration;

    /// <summary>Gets the names of the stems that play (whether or not their audio was kept).</summary>
    public IReadOnlyList<string> StemNames => Parameters.Stems;

    /// <summary>
    /// Returns the MIDI file of the whole song: one track per stem (drums on the General MIDI drum channel).
    /// </summary>
    /// <returns>The MIDI file; save it with <see cref="MidiFile.Save(string)"/>.</returns>
    public MidiFile ToMidi() => BuildMidi(null);

    /// <summary>Returns the MIDI file of one stem.</summary>
    /// <param name="stem">A stem name from <see cref="StemNames"/>.</param>
    /// <returns>The MIDI file with that stem's track.</returns>
    /// <exception cref="ArgumentException">The stem does not play in this song.</exception>
    public MidiFile ToMidi(string stem)
    {
        ArgumentNullException.ThrowIfNull(stem);
        var role = StemRoles.Parse(stem);
        if (role is null || Parameters.Instrument(role.Value) is null)
        {
            throw new ArgumentException($"The stem '{stem}' does not play in this song. Stems: {string.Join(", ", StemNames)}.", nameof(stem));
        }

        return BuildMidi(role);
    }

    /// <summary>
    /// Returns a request that re-renders this song with an edit applied (same seed, themes and chords), for example
    /// <c>"remove drums"</c>, <c>"make it calmer"</c>, <c>"transpose up 2"</c>, <c>"faster"</c>, <c>"add strings"</c>.
    /// </summary>
    /// <param name="instruction">One or more instructions joined by commas or "and" (see <see cref="GenerationRequest.Edit"/>).</param>
    /// <returns>The edited request; call <see cref="GenerationRequest.GenerateAsync"/> on it.</returns>
    /// <exception cref="ArgumentException">An instruction is not understood; the message lists what is.</exception>
    public GenerationRequest Edit(string instruction) => Request.Edit(instruction);

    /// <summary>Returns the audio memory to the pool.</summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref _mix, null)?.Dispose();
        var stems = Interlocked.Exchange(ref _stems, null);
        if (stems is not null)
        {
            foreach (var buffer in stems.Values)
            {
                buffer.Dispose();
            }
        }
    }

    /// <summary>The composed sections (symbolic score), for tests and analysis.</summary>
    internal IReadOnlyList<SectionScore> Scores => _scores;

    internal IReadOnlyList<PlannedSection> Plan => _plan;

    private MidiFile BuildMidi(StemRole? only)
    {
        var p = Parameters;
        var meter = p.MeterInfo;
        var secondsPerTick = 60.0 / p.TempoBpm / MeterInfo.TicksPerPulse;
        var tracks = new List<MidiTrack>();
        for (var r = 0; r < StemRoles.Count; r++)
        {
            var role = (StemRole)r;
            if (p.Instrument(role) is not { } spec || (only is not null && only != role))
            {
                continue;
            }

            var notes = new List<MidiNote>();
            long sectionStart = 0;
            foreach (var score in _scores)
            {
                foreach (var note in score.Stem(role).Notes)
                {
                    notes.Add(new MidiNote(note.Pitch, (sectionStart + note.Start) * secondsPerTick, note.Duration * secondsPerTick, Math.Clamp(note.Velocity, 1, 127)));
                }

                sectionStart += score.LengthTicks;
            }

            tracks.Add(new MidiTrack(StemRoles.Name(role), notes, spec.GmProgram, role == StemRole.Drums));
        }

        return new MidiFile(tracks, p.TempoBpm * meter.QuarterNotesPerPulse, meter.MidiBeatsPerBar, meter.MidiBeatUnit);
    }
}
