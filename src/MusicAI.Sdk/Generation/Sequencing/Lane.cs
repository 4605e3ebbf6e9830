using System.Runtime.CompilerServices;
using MusicAI.Sdk.Generation.Composition;
using MusicAI.Sdk.Generation.Synthesis;
using MusicAI.Sdk.Generation.Theory;

namespace MusicAI.Sdk.Generation.Sequencing;

/// <summary>
/// One playing line of music on its own mixer strips: an adaptive state, a song, or a stinger. Holds the current
/// section and the next one (composed one section ahead), and turns their notes into synthesizer events for each
/// block of frames. Allocation-free after construction.
/// </summary>
internal sealed class Lane
{
    private const int MaxActiveNotes = 512;

    private readonly ISectionSource? _source;
    private readonly int[] _strips;
    private readonly int[] _cursor = new int[StemRoles.Count];
    private readonly ActiveNote[] _active = new ActiveNote[MaxActiveNotes];
    private readonly int _pulsesPerBar;
    private SectionScore _current = new();
    private SectionScore _next = new();
    private bool _hasNext;
    private bool _sourceEnded;
    private int _activeCount;

    /// <param name="name">The lane's name (a state name such as "explore"), reported in events.</param>
    /// <param name="source">Where sections come from (null for a stinger lane, which plays one-shots).</param>
    /// <param name="strips">The synthesizer strip of each stem role, or -1.</param>
    /// <param name="pulsesPerBar">Pulses per bar of the metre.</param>
    public Lane(string name, ISectionSource? source, int[] strips, int pulsesPerBar)
    {
        Name = name;
        _source = source;
        _strips = strips;
        _pulsesPerBar = pulsesPerBar;
    }

    public string Name { get; }

    public LaneStatus Status { get; private set; }

    /// <summary>The global beat where the lane's local beat 0 lies.</summary>
    public double StartBeat { get; private set; }

    /// <summary>The global beat where the current section started.</summary>
    public double SectionStartBeat { get; private set; }

    public double SectionEndBeat => SectionStartBeat + (_current.Bars * _pulsesPerBar);

    /// <summary>The current section's name ("loop", "verse", …).</summary>
    public string SectionName => SectionKinds.Name(_current.Kind);

    public SectionScore Current => _current;

    /// <summary>Frames at which a fading lane goes silent.</summary>
    public long FadeEndFrame { get; set; }

    public ReadOnlySpan<int> Strips => _strips;

    /// <summary>Starts playing the first section at a global beat.</summary>
    public void Start(double beat)
    {
        _source!.Restart();
        _hasNext = false;
        StartBeat = beat;
        SectionStartBeat = beat;
        if (!_source.TryNext(_current))
        {
            Status = LaneStatus.Finished;
            return;
        }

        Array.Clear(_cursor);
        _sourceEnded = false;
        Status = LaneStatus.Playing;
    }

    /// <summary>
    /// Composes the section after the current one if it is not ready yet. The sequencer calls this once per render
    /// call for one lane at most, so composing never piles up in a single audio callback.
    /// </summary>
    /// <returns>Whether a section was composed.</returns>
    public bool ComposeAhead()
    {
        if (_hasNext || _sourceEnded || _source is null || Status is not (LaneStatus.Playing or LaneStatus.Fading))
        {
            return false;
        }

        _hasNext = _source.TryNext(_next);
        _sourceEnded = !_hasNext;
        return true;
    }

    /// <summary>Plays a pre-composed one-shot (a stinger) once, from a global beat.</summary>
    public void StartOneShot(SectionScore score, double beat)
    {
        _current = score;
        _hasNext = false;
        _sourceEnded = true;
        StartBeat = beat;
        SectionStartBeat = beat;
        Array.Clear(_cursor);
        Status = LaneStatus.Playing;
    }

    /// <summary>Begins fading: the lane keeps playing until <paramref name="endFrame"/>.</summary>
    public void FadeOut(long endFrame)
    {
        if (Status == LaneStatus.Playing)
        {
            Status = LaneStatus.Fading;
            FadeEndFrame = endFrame;
        }
    }

    /// <summary>
    /// Moves to the next section when the current one has ended by <paramref name="frame"/>; composes the one after
    /// it. Returns whether the section changed.
    /// </summary>
    public bool AdvanceIfEnded(Timebase timebase, long frame)
    {
        if (Status is LaneStatus.Idle or LaneStatus.Finished || timebase.FrameAt(SectionEndBeat) > frame)
        {
            return false;
        }

        var end = SectionEndBeat;
        ComposeAhead(); // normally done already, on an earlier render call
        if (!_hasNext)
        {
            Status = _activeCount > 0 ? LaneStatus.Ending : LaneStatus.Finished;
            SectionStartBeat = end;
            return false;
        }

        (_current, _next) = (_next, _current);
        SectionStartBeat = end;
        Array.Clear(_cursor);
        _hasNext = false; // the one after is composed ahead on a later render call
        return true;
    }

    /// <summary>Schedules the note-ons and note-offs that fall in [from, to).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Schedule(ISynthesizer synth, Timebase timebase, long from, long to)
    {
        if (Status is LaneStatus.Idle or LaneStatus.Finished)
        {
            return;
        }

        // Note-offs first, so a key released and struck again at one frame is struck after its release.
        ReleaseDue(synth, timebase, from, to);

        for (var guard = 0; guard < 64; guard++)
        {
            AdvanceIfEnded(timebase, from);
            if (Status is LaneStatus.Finished or LaneStatus.Ending)
            {
                break;
            }

            ScheduleSection(synth, timebase, from, to);
            var sectionEnd = timebase.FrameAt(SectionEndBeat);
            if (sectionEnd >= to)
            {
                break;
            }

            // A fading lane or a stinger may cross a section end inside the block: continue in the next section.
            from = Math.Max(from, sectionEnd);
        }

        if (Status == LaneStatus.Ending && _activeCount == 0)
        {
            Status = LaneStatus.Finished;
        }
    }

    /// <summary>Releases every note on the lane's strips and stops it.</summary>
    public void Stop(ISynthesizer synth, long frame)
    {
        foreach (var strip in _strips)
        {
            if (strip >= 0)
            {
                synth.AllNotesOff(strip, frame);
            }
        }

        _activeCount = 0;
        Status = LaneStatus.Idle;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScheduleSection(ISynthesizer synth, Timebase timebase, long from, long to)
    {
        for (var role = 0; role < StemRoles.Count; role++)
        {
            var strip = _strips[role];
            if (strip < 0)
            {
                continue;
            }

            var notes = _current.Stem((StemRole)role).Notes;
            var c = _cursor[role];
            while (c < notes.Length)
            {
                var note = notes[c];
                var beat = SectionStartBeat + ((double)note.Start / MeterInfo.TicksPerPulse);
                var frame = timebase.FrameAt(beat);
                if (frame >= to)
                {
                    break;
                }

                frame = Math.Max(frame, from);
                synth.NoteOn(strip, note.Pitch, note.Velocity / 127f, frame);
                var endBeat = beat + ((double)note.Duration / MeterInfo.TicksPerPulse);
                var endFrame = Math.Max(timebase.FrameAt(endBeat), frame + 1);
                if (endFrame < to)
                {
                    synth.NoteOff(strip, note.Pitch, endFrame);
                }
                else if (_activeCount < MaxActiveNotes)
                {
                    _active[_activeCount++] = new ActiveNote(strip, note.Pitch, endBeat);
                }
                else
                {
                    synth.NoteOff(strip, note.Pitch, Math.Max(frame, to - 1)); // out of slots: cut short rather than hang
                }

                c++;
            }

            _cursor[role] = c;
        }
    }

    private void ReleaseDue(ISynthesizer synth, Timebase timebase, long from, long to)
    {
        for (var i = 0; i < _activeCount;)
        {
            var note = _active[i];
            var frame = timebase.FrameAt(note.EndBeat);
            if (frame < to)
            {
                synth.NoteOff(note.Strip, note.Pitch, Math.Max(frame, from));
                _active[i] = _active[--_activeCount];
            }
            else
            {
                i++;
            }
        }
    }

    private readonly record struct ActiveNote(int Strip, int Pitch, double EndBeat);
}

/// <summary>The life of a <see cref="Lane"/>.</summary>
internal enum LaneStatus
{
    /// <summary>Not started, or stopped.</summary>
    Idle,

    /// <summary>Playing and scheduling notes.</summary>
    Playing,

    /// <summary>Still scheduling notes while its strips ramp to silence; stopped at <see cref="Lane.FadeEndFrame"/>.</summary>
    Fading,

    /// <summary>Out of sections; releasing its last notes.</summary>
    Ending,

    /// <summary>Out of sections and notes.</summary>
    Finished,
}
