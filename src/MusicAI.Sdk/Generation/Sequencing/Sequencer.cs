using System.Runtime.CompilerServices;
using MusicAI.Sdk.Generation.Composition;
using MusicAI.Sdk.Generation.Synthesis;

namespace MusicAI.Sdk.Generation.Sequencing;

/// <summary>
/// Drives a synthesizer from lanes of composed music on a beat grid: schedules notes block by block, processes
/// beat, bar and section boundaries, applies parameter changes at the boundary each asks for (tempo, intensity
/// layers, state crossfades, stingers) and reports events. Used by offline rendering (one song lane, no events) and
/// by <see cref="AdaptiveMusicStream"/> (one lane per state, stinger lanes, events, commands from game threads).
/// Single-threaded except <see cref="CommandQueue"/> and <see cref="MusicEventQueue"/>; allocation-free after construction.
/// </summary>
internal sealed class Sequencer
{
    private const int MaxPendingStingers = 8;

    private readonly ISynthesizer _synth;
    private readonly Timebase _timebase;
    private readonly Lane[] _states;
    private readonly float[][] _baseGains;
    private readonly Lane[] _stingerLanes;
    private readonly SectionScore[][]? _stingerScores;
    private readonly int _pulsesPerBar;
    private readonly MusicEventQueue? _events;
    private readonly CommandQueue? _commands;
    private readonly StreamCommand[] _pendingStingers = new StreamCommand[MaxPendingStingers];
    private int _pendingStingerCount;
    private StreamCommand? _pendingState;
    private StreamCommand? _pendingTempo;
    private StreamCommand? _pendingIntensity;
    private int _active;
    private long _nextBoundary;
    private long _bar = -1;
    private bool _fresh;
    private int _nextStingerLane;
    private long _scheduledTo;
    private bool _stateChanged;

    /// <param name="synth">The synthesizer, with every strip already added.</param>
    /// <param name="timebase">The tempo map (its initial tempo set).</param>
    /// <param name="states">One lane per state (a single lane for offline songs).</param>
    /// <param name="baseGains">Per state lane and stem role: the strip's full gain.</param>
    /// <param name="stingerLanes">Lanes that play stingers (may be empty).</param>
    /// <param name="stingerScores">Per state and <see cref="StingerKind"/>: the stinger in that state's key.</param>
    /// <param name="pulsesPerBar">Pulses per bar.</param>
    /// <param name="events">Where events go, or null.</param>
    /// <param name="commands">Where changes come from, or null.</param>
    public Sequencer(ISynthesizer synth, Timebase timebase, Lane[] states, float[][] baseGains, Lane[] stingerLanes, SectionScore[][]? stingerScores, int pulsesPerBar, MusicEventQueue? events, CommandQueue? commands)
    {
        _synth = synth;
        _timebase = timebase;
        _states = states;
        _baseGains = baseGains;
        _stingerLanes = stingerLanes;
        _stingerScores = stingerScores;
        _pulsesPerBar = pulsesPerBar;
        _events = events;
        _commands = commands;
    }

    /// <summary>The intensity applied last (0–1).</summary>
    public float Intensity { get; private set; } = 1f;

    /// <summary>The index of the state lane playing.</summary>
    public int ActiveState => _active;

    /// <summary>Sets initial gains and starts a state at beat 0, frame 0.</summary>
    public void Start(int state, float intensity)
    {
        Intensity = intensity;
        _active = state;
        for (var s = 0; s < _states.Length; s++)
        {
            var strips = _states[s].Strips;
            for (var role = 0; role < strips.Length; role++)
            {
                if (strips[role] >= 0)
                {
                    _synth.SetStripGain(strips[role], s == state ? TargetGain(s, role) : 0f, 0, 0);
                }
            }
        }

        _synth.SetTempo(_timebase.Bpm, 0);
        _states[state].Start(0);
        _nextBoundary = 0;
        _fresh = true;
    }

    /// <summary>
    /// Renders the next <c>mix.Length / 2</c> frames, applying changes and raising events on the way.
    /// </summary>
    /// <remarks>
    /// Scheduling runs <see cref="ISynthesizer.LookAheadFrames"/> ahead of rendering, so every event reaches the
    /// synthesizer before it renders that frame (sample accuracy with a look-ahead limiter). Changes asked for
    /// <see cref="MusicBoundary.Immediate"/> therefore start that many frames (about 1.5 ms) after the current read
    /// position, and events are queued that long before their frame is rendered.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Render(Span<float> mixInterleavedStereo, IStemSink? stems)
    {
        var frames = mixInterleavedStereo.Length / 2;
        DrainCommands();
        ScheduleUntil(_synth.Position + frames + _synth.LookAheadFrames);

        // Compose ahead: at most one section per call, the active lane first.
        if (!_states[_active].ComposeAhead())
        {
            foreach (var state in _states)
            {
                if (state.ComposeAhead())
                {
                    break;
                }
            }
        }

        if (stems is null)
        {
            _synth.Render(mixInterleavedStereo, Span<float>.Empty);
        }
        else
        {
            var from = _synth.Position;
            _synth.Render(mixInterleavedStereo, stems.GetBuffer(frames));
            stems.Commit(from, frames);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScheduleUntil(long target)
    {
        while (_scheduledTo < target)
        {
            var from = _scheduledTo;
            StopFadedLanes(from);
            var lane = _states[_active];
            var boundary = lane.Status == LaneStatus.Playing ? _timebase.FrameAt(lane.StartBeat + _nextBoundary) : long.MaxValue;
            if (boundary <= from)
            {
                ProcessBoundary(from);
                continue;
            }

            var to = Math.Min(target, boundary);
            foreach (var state in _states)
            {
                state.Schedule(_synth, _timebase, from, to);
            }

            foreach (var stinger in _stingerLanes)
            {
                stinger.Schedule(_synth, _timebase, from, to);
            }

            _scheduledTo = to;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DrainCommands()
    {
        if (_commands is null)
        {
            return;
        }

        while (_commands.TryDequeue(out var command))
        {
            if (command.Boundary == MusicBoundary.Immediate)
            {
                Apply(command, _scheduledTo, _timebase.BeatAt(_scheduledTo), immediate: true);
                continue;
            }

            switch (command.Kind)
            {
                case StreamCommandKind.State:
                    _pendingState = command;
                    break;
                case StreamCommandKind.Tempo:
                    _pendingTempo = command;
                    break;
                case StreamCommandKind.Intensity:
                    _pendingIntensity = command;
                    break;
                default:
                    if (_pendingStingerCount < MaxPendingStingers)
                    {
                        _pendingStingers[_pendingStingerCount++] = command;
                    }

                    break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ProcessBoundary(long frame)
    {
        var lane = _states[_active];
        var sectionChanged = lane.AdvanceIfEnded(_timebase, frame) || _fresh;
        _fresh = false;
        if (lane.Status != LaneStatus.Playing)
        {
            return;
        }

        var k = _nextBoundary;
        var isBar = k % _pulsesPerBar == 0;
        var beat = lane.StartBeat + k;

        if (_pendingState is { } state && IsDue(state.Boundary, isBar, sectionChanged) && state.Index != _active)
        {
            _pendingState = null;
            SwitchState(state.Index, frame, beat);
            lane = _states[_active];
            k = 0;
            isBar = true;
            sectionChanged = true;
        }
        else if (_pendingState is { } same && same.Index == _active)
        {
            _pendingState = null; // already there
        }

        if (isBar)
        {
            _bar++;
        }

        if (_stateChanged)
        {
            _stateChanged = false;
            Raise(MusicEventKind.StateChanged, frame, 0);
        }

        if (_pendingTempo is { } tempo && IsDue(tempo.Boundary, isBar, sectionChanged))
        {
            _pendingTempo = null;
            Apply(tempo, frame, beat, immediate: false);
        }

        if (_pendingIntensity is { } intensity && IsDue(intensity.Boundary, isBar, sectionChanged))
        {
            _pendingIntensity = null;
            Apply(intensity, frame, beat, immediate: false);
        }

        for (var i = 0; i < _pendingStingerCount;)
        {
            if (IsDue(_pendingStingers[i].Boundary, isBar, sectionChanged))
            {
                var stinger = _pendingStingers[i];
                _pendingStingers[i] = _pendingStingers[--_pendingStingerCount];
                Apply(stinger, frame, beat, immediate: false);
            }
            else
            {
                i++;
            }
        }

        var beatInBar = (int)(k % _pulsesPerBar);
        Raise(MusicEventKind.Beat, frame, beatInBar);
        if (isBar)
        {
            Raise(MusicEventKind.Bar, frame, beatInBar);
        }

        if (sectionChanged)
        {
            Raise(MusicEventKind.SectionChanged, frame, beatInBar);
        }

        _nextBoundary = k + 1;
    }

    private static bool IsDue(MusicBoundary boundary, bool isBar, bool sectionChanged) => boundary switch
    {
        MusicBoundary.NextBeat or MusicBoundary.Immediate => true,
        MusicBoundary.NextBar => isBar,
        _ => sectionChanged,
    };

    private void Apply(in StreamCommand command, long frame, double beat, bool immediate)
    {
        switch (command.Kind)
        {
            case StreamCommandKind.Tempo:
                _timebase.SetTempo(frame, beat, command.Value);
                _synth.SetTempo(command.Value, frame);
                Raise(MusicEventKind.TempoChanged, frame, CurrentBeatInBar(), value: command.Value);
                break;
            case StreamCommandKind.Intensity:
                Intensity = (float)command.Value;
                var ramp = RampFrames();
                var strips = _states[_active].Strips;
                for (var role = 0; role < strips.Length; role++)
                {
                    if (strips[role] >= 0)
                    {
                        _synth.SetStripGain(strips[role], TargetGain(_active, role), frame, ramp);
                    }
                }

                Raise(MusicEventKind.IntensityChanged, frame, CurrentBeatInBar(), value: command.Value);
                break;
            case StreamCommandKind.State:
                if (command.Index != _active)
                {
                    SwitchState(command.Index, frame, beat);
                    if (immediate)
                    {
                        _nextBoundary = 0;
                        _fresh = true;
                    }
                }

                break;
            case StreamCommandKind.Stinger:
                PlayStinger((StingerKind)command.Index, frame, beat);
                break;
        }
    }

    private void SwitchState(int index, long frame, double beat)
    {
        var crossfade = RampFrames();
        var old = _states[_active];
        old.FadeOut(frame + crossfade);
        var oldStrips = old.Strips;
        for (var role = 0; role < oldStrips.Length; role++)
        {
            if (oldStrips[role] >= 0)
            {
                _synth.SetStripGain(oldStrips[role], 0f, frame, crossfade);
            }
        }

        var next = _states[index];
        if (next.Status != LaneStatus.Idle)
        {
            next.Stop(_synth, frame); // re-entered while still fading out: release and start over
        }

        _active = index;
        next.Start(beat);
        var strips = next.Strips;
        for (var role = 0; role < strips.Length; role++)
        {
            if (strips[role] >= 0)
            {
                _synth.SetStripGain(strips[role], TargetGain(index, role), frame, crossfade);
            }
        }

        _nextBoundary = 1;
        _stateChanged = true; // raised by the boundary that starts the new state, after its bar is counted
    }

    private void PlayStinger(StingerKind kind, long frame, double beat)
    {
        if (_stingerLanes.Length == 0 || _stingerScores is null)
        {
            return;
        }

        var lane = _stingerLanes[_nextStingerLane];
        _nextStingerLane = (_nextStingerLane + 1) % _stingerLanes.Length;
        if (lane.Status != LaneStatus.Idle)
        {
            lane.Stop(_synth, frame);
        }

        lane.StartOneShot(_stingerScores[_active][(int)kind], beat);
        _events?.Enqueue(new MusicEvent(MusicEventKind.StingerPlayed, frame, Math.Max(_bar, 0), CurrentBeatInBar(), _states[_active].Name, _states[_active].SectionName, kind, 0));
    }

    private void StopFadedLanes(long frame)
    {
        for (var s = 0; s < _states.Length; s++)
        {
            var lane = _states[s];
            if (lane.Status == LaneStatus.Fading && lane.FadeEndFrame <= frame)
            {
                lane.Stop(_synth, frame);
            }
        }
    }

    private float TargetGain(int state, int role) =>
        _baseGains[state][role] * LayerGain(Intensity, (StemRole)role);

    /// <summary>Vertical layering: a stem is full at or above its threshold and fades out over the width below it.</summary>
    public static float LayerGain(float intensity, StemRole role)
    {
        var threshold = StemRoles.IntensityThreshold(role);
        var gain = Math.Clamp(((intensity - threshold) / StemRoles.LayerFadeWidth) + 1f, 0f, 1f);
        return gain < 1e-3f ? 0f : gain > 0.999f ? 1f : gain; // no float dust: a layer below its range is silent
    }

    /// <summary>Crossfades and layer ramps last one beat, clamped to 50 ms – 2 s.</summary>
    private int RampFrames() =>
        (int)Math.Clamp(_timebase.FramesPerBeat, _timebase.SampleRate * 0.05, _timebase.SampleRate * 2.0);

    private int CurrentBeatInBar()
    {
        var lane = _states[_active];
        var beats = _timebase.BeatAt(_scheduledTo) - lane.StartBeat;
        return (int)(Math.Max(0, Math.Floor(beats + 1e-9)) % _pulsesPerBar);
    }

    private void Raise(MusicEventKind kind, long frame, int beatInBar, double value = 0)
    {
        _events?.Enqueue(new MusicEvent(kind, frame, Math.Max(_bar, 0), beatInBar, _states[_active].Name, _states[_active].SectionName, default, value));
    }
}
