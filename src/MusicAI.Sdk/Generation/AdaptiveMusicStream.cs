using System.Diagnostics.CodeAnalysis;
using MusicAI.Sdk.Generation.Composition;
using MusicAI.Sdk.Generation.Prompts;
using MusicAI.Sdk.Generation.Sequencing;
using MusicAI.Sdk.Generation.Synthesis;

namespace MusicAI.Sdk.Generation;

/// <summary>
/// Endless adaptive music that an audio callback pulls from: vertical layering by intensity, horizontal
/// re-sequencing between states (explore, combat, victory) on one theme, tempo changes, stingers on the beat grid,
/// and beat/bar/section events for gameplay sync. Changes take effect at the boundary the caller chooses.
/// </summary>
/// <remarks>
/// <para><b>Threads.</b> Call <see cref="Read"/> from one thread at a time (the audio thread). <see cref="SetIntensity"/>,
/// <see cref="SetState"/>, <see cref="SetTempo"/> and <see cref="PlayStinger"/> may be called from any thread at any
/// time: they post to a lock-free queue that <see cref="Read"/> drains. <see cref="TryReadEvent"/> may be called
/// from one other thread (the game thread) while the audio thread reads.</para>
/// <para><b>Real time.</b> <see cref="Read"/> allocates nothing, takes no lock and never blocks; the composer writes
/// the next section ahead on the audio thread while the current one plays, so a stream never ends and is never held
/// in memory (a 10-hour request streams). Creating a stream rehearses its instruments on a throwaway synthesizer, so
/// that their code is compiled then (a few milliseconds) rather than on the audio thread during the first reads.</para>
/// <para><b>Layers.</b> Each stem enters at an intensity threshold and fades out over the 0.1 below it: pad 0,
/// chords 0.15, bass 0.3, melody 0.5, drums 0.65, strings 0.8. Layer ramps and state crossfades last one beat
/// (50 ms – 2 s).</para>
/// <para><b>States.</b> <c>explore</c> is the request's music; <c>combat</c> turns the same theme into the combat
/// preset (minor-family mode, galloping bass, staccato strings, toms); <c>victory</c> plays it as an orchestral
/// fanfare in major. Each state is a loop of the request's bars (8 by default, at most 16), varied on each repeat.</para>
/// </remarks>
[Experimental("MUSICAI001")]
public sealed class AdaptiveMusicStream : IDisposable
{
    /// <summary>The channel count: always 2 (interleaved stereo).</summary>
    public const int ChannelCount = 2;

    private const int StingerLaneCount = 2;

    private static readonly string[] s_states = ["explore", "combat", "victory"];

    private readonly Sequencer _sequencer;
    private readonly CommandQueue _commands = new(256);
    private readonly MusicEventQueue _events = new(1024);
    private readonly Lane[] _lanes;
    private readonly long _endFrame;
    private readonly long _fadeFrames;
    private long _position;
    private float _intensity = 1f;
    private double _tempo;
    private int _disposed;
    private int _activeState;

    internal AdaptiveMusicStream(SongParameters parameters, Func<int, long, ISynthesizer> synthesizerFactory, TimeSpan? length)
    {
        Parameters = parameters;
        SampleRate = parameters.SampleRate;
        _tempo = parameters.TempoBpm;
        MinTempo = Math.Max(PromptParser.MinTempo, Math.Round(parameters.TempoBpm * 0.5, 1));
        MaxTempo = Math.Min(PromptParser.MaxTempo, Math.Round(parameters.TempoBpm * 2.0, 1));
        Length = length;
        _endFrame = length is { } l ? (long)Math.Round(l.TotalSeconds * SampleRate) : long.MaxValue;
        _fadeFrames = Math.Min(2L * SampleRate, _endFrame / 2);

        var bars = Math.Clamp(parameters.IsLoop ? parameters.Bars : 8, 1, 16);
        var stateParameters = new SongParameters[s_states.Length];
        stateParameters[0] = parameters.WithStateOverrides(parameters.Style, parameters.Key, parameters.Energy, bars);
        stateParameters[1] = parameters.WithStateOverrides(MusicStyle.Combat, new MusicKey(parameters.Key.Tonic, CombatMode(parameters.Key.Mode)), Math.Max(0.85, parameters.Energy), bars);
        stateParameters[2] = parameters.WithStateOverrides(MusicStyle.Orchestral, new MusicKey(parameters.Key.Tonic, parameters.Key.Mode == MusicMode.Lydian ? MusicMode.Lydian : MusicMode.Major), 0.7, bars);

        var synth = synthesizerFactory(SampleRate, parameters.Seed);
        var instruments = new List<string>();
        synth.SetReverb(parameters.Preset.ReverbSeconds, parameters.Preset.ReverbDamping);
        synth.SetDelay(parameters.Preset.DelayBeats, parameters.Preset.DelayFeedback);
        var pulsesPerBar = parameters.MeterInfo.PulsesPerBar;
        _lanes = new Lane[s_states.Length];
        var gains = new float[s_states.Length][];
        var stingerScores = new SectionScore[s_states.Length][];
        SectionComposer? theme = null;
        for (var s = 0; s < s_states.Length; s++)
        {
            var p = stateParameters[s];
            var composer = new SectionComposer(p, theme);
            theme ??= composer;
            var strips = new int[StemRoles.Count];
            gains[s] = new float[StemRoles.Count];
            for (var r = 0; r < StemRoles.Count; r++)
            {
                strips[r] = -1;
                if (p.Instrument((StemRole)r) is { } spec)
                {
                    strips[r] = synth.AddStrip(s_states[s] + "-" + StemRoles.Name((StemRole)r), spec.Preset, spec.Gain, spec.Pan, spec.Reverb, spec.Delay);
                    instruments.Add(spec.Preset);
                    gains[s][r] = spec.Gain;
                }
            }

            var plan = SongPlanner.Plan(bars, isLoop: true).ToArray();
            _lanes[s] = new Lane(s_states[s], new ComposingSource(composer, plan), strips, pulsesPerBar);
            stingerScores[s] = new SectionScore[3];
            for (var k = 0; k < 3; k++)
            {
                var score = new SectionScore();
                score.Reset(SectionKind.Loop, 2, p.MeterInfo.TicksPerBar, 1, 0);
                StingerWriter.Write((StingerKind)k, score.Stem(StemRole.Melody), score.Stem(StemRole.Drums), p.Key.Mode, p.TonicMidi, p.MeterInfo);
                score.Normalize();
                stingerScores[s][k] = score;
            }
        }

        var drumKit = parameters.Preset.Instrument(StemRole.Drums).Preset;
        instruments.Add(InstrumentCatalog.BrassStab);
        instruments.Add(drumKit);
        var stingerLanes = new Lane[StingerLaneCount];
        for (var i = 0; i < StingerLaneCount; i++)
        {
            var strips = new int[StemRoles.Count];
            Array.Fill(strips, -1);
            strips[(int)StemRole.Melody] = synth.AddStrip($"stinger-{i}", InstrumentCatalog.BrassStab, 0.5f, 0f, 0.3f, 0f);
            strips[(int)StemRole.Drums] = synth.AddStrip($"stinger-drums-{i}", drumKit, 0.6f, 0f, 0.25f, 0f);
            stingerLanes[i] = new Lane("stinger", null, strips, pulsesPerBar);
        }

        var timebase = new Timebase(SampleRate, parameters.TempoBpm);
        _sequencer = new Sequencer(synth, timebase, _lanes, gains, stingerLanes, stingerScores, pulsesPerBar, _events, _commands);
        _sequencer.Start(0, 1f);
        for (var i = 0; i < StingerLaneCount; i++)
        {
            synth.SetStripGain(stingerLanes[i].Strips[(int)StemRole.Melody], 0.5f, 0, 0);
            synth.SetStripGain(stingerLanes[i].Strips[(int)StemRole.Drums], 0.6f, 0, 0);
        }

        Rehearse(synthesizerFactory(SampleRate, parameters.Seed), instruments);
    }

    /// <summary>Gets the names of the states, for <see cref="SetState"/>: explore, combat, victory.</summary>
    public static IReadOnlyList<string> StateNames { get; } = Array.AsReadOnly(s_states);

    /// <summary>Gets the parameters of the request the stream plays (its explore state).</summary>
    public SongParameters Parameters { get; }

    /// <summary>Gets the sample rate in Hz.</summary>
    public int SampleRate { get; }


    /// <summary>Gets the length of the stream, or <see langword="null"/> when it plays until disposed.</summary>
    /// <remarks>A request with <see cref="GenerationRequest.WithDuration"/> streams that long, fading out over its last two seconds.</remarks>
    public TimeSpan? Length { get; }

    /// <summary>Gets the frames read so far.</summary>
    public long Position => Volatile.Read(ref _position);

    /// <summary>Gets a value indicating whether a stream with a <see cref="Length"/> has been read to its end.</summary>
    public bool IsFinished => Position >= _endFrame;

    /// <summary>Gets the state playing (updated by <see cref="Read"/>).</summary>
    public string State => s_states[Volatile.Read(ref _activeState)];

    /// <summary>Gets the intensity last asked for (0–1; the stream starts at 1).</summary>
    public float Intensity => Volatile.Read(ref _intensity);

    /// <summary>Gets the tempo last asked for, in BPM.</summary>
    public double Tempo => Volatile.Read(ref _tempo);

    /// <summary>Gets the slowest tempo <see cref="SetTempo"/> accepts: half the request's tempo, at least 40 BPM.</summary>
    public double MinTempo { get; }

    /// <summary>Gets the fastest tempo <see cref="SetTempo"/> accepts: twice the request's tempo, at most 240 BPM.</summary>
    public double MaxTempo { get; }

    /// <summary>Gets how many events were dropped because nobody read them (the queue holds 1024).</summary>
    public long DroppedEvents => _events.Dropped;

    /// <summary>
    /// Renders the next frames of interleaved stereo audio. Allocation-free; call from the audio thread.
    /// </summary>
    /// <param name="interleavedStereo">Receives <c>L R L R …</c>; its length must be even.</param>
    /// <returns>The number of samples written: the span's length, or fewer at the end of a stream with a <see cref="Length"/> (then 0).</returns>
    public int Read(Span<float> interleavedStereo)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if ((interleavedStereo.Length & 1) != 0)
        {
            throw new ArgumentException("The span must hold whole stereo frames (an even number of samples).", nameof(interleavedStereo));
        }

        var frames = (int)Math.Min(interleavedStereo.Length / 2, _endFrame - _position);
        if (frames <= 0)
        {
            return 0;
        }

        var output = interleavedStereo[..(frames * 2)];
        _sequencer.Render(output, null);
        if (_endFrame != long.MaxValue)
        {
            ApplyEndFade(output, _position);
        }

        Volatile.Write(ref _position, _position + frames);
        Volatile.Write(ref _activeState, _sequencer.ActiveState);
        return frames * 2;
    }

    /// <summary>Sets the intensity (vertical layering).</summary>
    /// <param name="intensity">0 (pad only) to 1 (every layer).</param>
    /// <param name="at">Where the change starts; the layers then ramp over one beat. Default <see cref="MusicBoundary.Immediate"/>.</param>
    public void SetIntensity(float intensity, MusicBoundary at = MusicBoundary.Immediate)
    {
        if (!float.IsFinite(intensity) || intensity < 0 || intensity > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(intensity), intensity, "The intensity must be 0 to 1.");
        }

        Post(new StreamCommand(StreamCommandKind.Intensity, ValidBoundary(at), intensity, 0));
        Volatile.Write(ref _intensity, intensity);
    }

    /// <summary>Switches to another state (horizontal re-sequencing), crossfading over one beat.</summary>
    /// <param name="state">explore, combat or victory (see <see cref="StateNames"/>).</param>
    /// <param name="at">Where the switch happens. Default <see cref="MusicBoundary.NextBar"/>.</param>
    /// <remarks>The new state starts from its first bar, so its bar lines fall on the switch point.</remarks>
    public void SetState(string state, MusicBoundary at = MusicBoundary.NextBar)
    {
        ArgumentNullException.ThrowIfNull(state);
        var index = -1;
        for (var i = 0; i < s_states.Length; i++)
        {
            if (state.AsSpan().Trim().Equals(s_states[i], StringComparison.OrdinalIgnoreCase))
            {
                index = i;
            }
        }

        if (index < 0)
        {
            throw new ArgumentException($"Unknown state '{state}'. States: {string.Join(", ", s_states)}.", nameof(state));
        }

        Post(new StreamCommand(StreamCommandKind.State, ValidBoundary(at), 0, index));
    }

    /// <summary>Changes the tempo.</summary>
    /// <param name="bpm">From <see cref="MinTempo"/> to <see cref="MaxTempo"/>.</param>
    /// <param name="at">Where the new tempo starts. Default <see cref="MusicBoundary.NextBar"/>.</param>
    public void SetTempo(double bpm, MusicBoundary at = MusicBoundary.NextBar)
    {
        if (!double.IsFinite(bpm) || bpm < MinTempo || bpm > MaxTempo)
        {
            throw new ArgumentOutOfRangeException(nameof(bpm), bpm, $"This stream accepts tempi from {MinTempo} to {MaxTempo} BPM (half to twice its own).");
        }

        Post(new StreamCommand(StreamCommandKind.Tempo, ValidBoundary(at), bpm, 0));
        Volatile.Write(ref _tempo, bpm);
    }

    /// <summary>Plays a stinger over the music, in the key of the state playing, on the beat grid.</summary>
    /// <param name="kind">Which stinger.</param>
    /// <param name="at">Where it starts. Default <see cref="MusicBoundary.NextBeat"/>.</param>
    public void PlayStinger(StingerKind kind = StingerKind.Accent, MusicBoundary at = MusicBoundary.NextBeat)
    {
        if ((uint)kind > (uint)StingerKind.Danger)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown stinger.");
        }

        Post(new StreamCommand(StreamCommandKind.Stinger, ValidBoundary(at), 0, (int)kind));
    }

    /// <summary>Takes the oldest event not read yet (beats, bars, sections, state changes, stingers).</summary>
    /// <param name="musicEvent">The event.</param>
    /// <returns>Whether there was one.</returns>
    /// <remarks>Events are queued by <see cref="Read"/> without allocating; read them from one thread (the game loop).</remarks>
    public bool TryReadEvent(out MusicEvent musicEvent) => _events.TryDequeue(out musicEvent);

    /// <summary>Stops the stream; further reads throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose() => Interlocked.Exchange(ref _disposed, 1);

    /// <summary>
    /// Plays every instrument of the stream for a moment on a throwaway synthesizer, on the constructing thread: the
    /// code a <see cref="Read"/> will run (each instrument's voices, voice stealing and legato, drum chokes, releases,
    /// gain ramps, the shared reverb and delay, a delay-time change, the limiter) is then already compiled, rather than
    /// just-in-time compiled inside an early <see cref="Read"/> on the audio thread (a first voice steal cost ~0.8 ms).
    /// </summary>
    private static void Rehearse(ISynthesizer synth, List<string> instruments)
    {
        for (var i = 0; i < instruments.Count; i++)
        {
            // Effects on one strip only: the shared reverb and delay run all the same, without a line per strip.
            synth.AddStrip("rehearsal", instruments[i], 1f, 0f, i == 0 ? 0.2f : 0f, i == 0 ? 0.2f : 0f);
        }

        const int Notes = 16; // more than any preset's polyphony: the last notes steal voices
        for (var strip = 0; strip < instruments.Count; strip++)
        {
            for (var k = 0; k < Notes; k++)
            {
                var pitch = 35 + (k * 3 % 45); // drum kits map 35–59; overlapping notes make mono presets glide
                synth.NoteOn(strip, pitch, 0.8f, k * 40);
                synth.NoteOff(strip, pitch, (k * 40) + 1500);
            }
        }

        synth.SetTempo(137, 700);
        synth.SetStripGain(0, 0.5f, 800, 400);
        synth.AllNotesOff(0, 2000);
        var block = new float[2 * 512];
        for (var i = 0; i < 6; i++)
        {
            synth.Render(block, default);
        }
    }

    private static MusicMode CombatMode(MusicMode mode) => mode switch
    {
        MusicMode.Minor or MusicMode.Phrygian or MusicMode.HarmonicMinor => mode,
        _ => MusicMode.HarmonicMinor,
    };

    private static MusicBoundary ValidBoundary(MusicBoundary at) =>
        (uint)at <= (uint)MusicBoundary.NextSection ? at : throw new ArgumentOutOfRangeException(nameof(at), at, "Use Immediate, NextBeat, NextBar or NextSection.");

    private void Post(in StreamCommand command)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!_commands.TryEnqueue(command))
        {
            throw new InvalidOperationException("256 changes are already waiting: the stream applies them as it is read, so read audio from it (or post fewer changes).");
        }
    }

    private void ApplyEndFade(Span<float> output, long start)
    {
        var fadeStart = _endFrame - _fadeFrames;
        for (var f = 0; f < output.Length / 2; f++)
        {
            var frame = start + f;
            if (frame < fadeStart)
            {
                continue;
            }

            var gain = (float)(_endFrame - frame - 1) / _fadeFrames;
            output[2 * f] *= gain;
            output[(2 * f) + 1] *= gain;
        }
    }
}
