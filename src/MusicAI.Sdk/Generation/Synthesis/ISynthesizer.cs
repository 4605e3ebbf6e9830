namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// The contract between the composer/sequencer (which decides what plays when) and the synthesizer (which makes
/// the sound). One instance renders one song or one adaptive stream; it is not thread-safe: one thread schedules
/// events and renders.
/// </summary>
/// <remarks>
/// <para><b>Time.</b> Events carry an absolute frame position (frames since the synthesizer was created). An event
/// must not lie before the first frame of the next <see cref="Render"/> call; events may be scheduled any distance
/// ahead and in any order. Events at the same frame apply in the order they were scheduled. Render applies each event
/// at its exact frame (sample-accurate) — provided it was scheduled before the synthesizer rendered that frame ahead
/// for its limiter, i.e. before the first Render or at least <see cref="LookAheadFrames"/> after
/// <see cref="Position"/>; a later event is applied at most <see cref="LookAheadFrames"/> frames late.</para>
/// <para><b>Strips.</b> Each strip is one mixer channel = one stem (drums, bass, chords, pad, melody, …) with its own
/// instrument, gain, pan and effect sends. Strip gain changes ramp linearly over the given frames (click-free layers
/// and crossfades).</para>
/// <para><b>Stems sum to the mix.</b> Everything non-linear on the master bus (the limiter) is applied as one shared
/// gain to every strip, and effects are rendered per strip, so the per-strip outputs add up to the mix output up to
/// float rounding.</para>
/// <para><b>Real time.</b> After construction and strip set-up, scheduling and rendering allocate nothing.</para>
/// </remarks>
internal interface ISynthesizer
{
    /// <summary>Gets the output sample rate in Hz.</summary>
    int SampleRate { get; }

    /// <summary>Gets the number of strips added so far.</summary>
    int StripCount { get; }

    /// <summary>Gets the absolute frame position of the next frame <see cref="Render"/> will produce.</summary>
    long Position { get; }

    /// <summary>
    /// Gets how many frames ahead of <see cref="Position"/> the synthesizer has already rendered its sources (the
    /// master limiter's look-ahead: 80 frames, 1.7 ms, at 48 kHz). Output timing is unaffected; schedule events at
    /// least this far ahead of <see cref="Position"/> (or before the first <see cref="Render"/>) for sample accuracy.
    /// </summary>
    int LookAheadFrames { get; }

    /// <summary>
    /// Adds a mixer strip playing one instrument. Call before the first <see cref="Render"/>.
    /// </summary>
    /// <param name="name">Stem name, for example <c>"bass"</c>.</param>
    /// <param name="instrument">A preset name from the synthesizer's instrument catalog (drum kits included).</param>
    /// <param name="gain">Linear gain, 0 or more.</param>
    /// <param name="pan">-1 (left) to 1 (right).</param>
    /// <param name="reverbSend">Reverb send level, 0 to 1.</param>
    /// <param name="delaySend">Tempo-synced delay send level, 0 to 1.</param>
    /// <returns>The strip index, used in events.</returns>
    int AddStrip(string name, string instrument, float gain = 1f, float pan = 0f, float reverbSend = 0.15f, float delaySend = 0f);

    /// <summary>Sets the tempo that tempo-synced effects (delay) follow, from <paramref name="atFrame"/>.</summary>
    void SetTempo(double bpm, long atFrame);

    /// <summary>Starts a note. For drum-kit strips the pitch selects the sound (General MIDI drum map).</summary>
    /// <param name="strip">Strip index from <see cref="AddStrip"/>.</param>
    /// <param name="pitch">MIDI pitch 0 to 127.</param>
    /// <param name="velocity">0 to 1 (values above 1 are clamped; 0 is a note-off, as in MIDI).</param>
    /// <param name="atFrame">Absolute frame.</param>
    void NoteOn(int strip, int pitch, float velocity, long atFrame);

    /// <summary>Releases a note (its envelope enters release).</summary>
    void NoteOff(int strip, int pitch, long atFrame);

    /// <summary>Releases every note on a strip.</summary>
    void AllNotesOff(int strip, long atFrame);

    /// <summary>Ramps a strip's gain to <paramref name="gain"/> over <paramref name="rampFrames"/> starting at <paramref name="atFrame"/>.</summary>
    void SetStripGain(int strip, float gain, long atFrame, int rampFrames);

    /// <summary>
    /// Sets the reverb every strip sends to: RT60 in seconds (ambient 4–6, hall 2–3, room 0.6–1) and high-frequency
    /// damping 0 (bright) to 1 (dark). Takes effect from the next <see cref="Render"/>; default 2.2 s, 0.45.
    /// </summary>
    void SetReverb(float decaySeconds, float damping);

    /// <summary>
    /// Sets the tempo-synced ping-pong delay: time in beats (0.75 = dotted eighth, the default) and feedback 0 to 0.95
    /// (default 0.35). Takes effect from the next <see cref="Render"/>.
    /// </summary>
    void SetDelay(float beats, float feedback);

    /// <summary>
    /// Renders the next frames.
    /// </summary>
    /// <param name="mixInterleavedStereo">Receives <c>frames × 2</c> interleaved stereo samples of the mix.</param>
    /// <param name="stemsPlanar">
    /// Optional: receives per-strip stereo output, strip-major then channel (<c>[strip][L|R][frame]</c>), length
    /// <c>StripCount × 2 × frames</c>; empty to skip stems (the real-time path). Whether stems are wanted is decided
    /// by the first call: without stems the strips share one reverb and one delay (same mix, a fraction of the cost),
    /// so a later call asking for stems throws <see cref="InvalidOperationException"/>.
    /// </param>
    void Render(Span<float> mixInterleavedStereo, Span<float> stemsPlanar);
}
