using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Models;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk.Captioning.Neural;

/// <summary>
/// Transcribes the notes of a recording (melody, chords, bass: basic-pitch is polyphonic) with Spotify's basic-pitch
/// model, and exports them as MIDI.
/// </summary>
/// <remarks>
/// <para>The audio is mixed to mono, resampled to 22,050 Hz, run through basic-pitch in 2-second windows and decoded
/// into notes exactly as basic-pitch's own <c>predict()</c> does (see <c>docs/captioning-neural.md</c>). The model
/// (230 KB, Apache-2.0) is resolved through the <see cref="ModelStore"/> (downloaded once unless
/// <see cref="MusicAIOptions.Offline"/>) and its session is shared through the <see cref="MusicAIRuntime"/>.</para>
/// <para>Thread-safe: one instance may transcribe several recordings at once. It owns nothing: the runtime and store
/// own the session and files.</para>
/// <para>Memory: the note and onset activations take 704 bytes per frame (86 frames per second, 3.6 MB per minute of
/// audio) and decoding briefly adds about 1 KB per frame (5.5 MB per minute), plus the mono 22,050 Hz copy of the audio (5.3 MB per
/// minute). For very long recordings transcribe slices (<see cref="AudioBuffer.Slice"/>).</para>
/// </remarks>
/// <example>
/// <code>
/// await using var client = MusicAIClient.Create();
/// var transcriber = new MelodyTranscriber(client.Runtime, client.Models);
/// using var audio = await AudioBuffer.LoadAsync("song.wav");
/// var transcription = await transcriber.TranscribeAsync(audio);
/// transcription.SaveMidi("song.mid");
/// </code>
/// </example>
public sealed class MelodyTranscriber
{
    private readonly NeuralModelSource _source;

    /// <summary>Creates a transcriber.</summary>
    /// <param name="runtime">Runs the model (provider selection, shared sessions).</param>
    /// <param name="models">Resolves <paramref name="model"/> to a local file.</param>
    /// <param name="model">A catalog id or the path of a basic-pitch <c>.onnx</c> file. Default <c>basic-pitch</c> (<see cref="KnownModels.BasicPitch"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="runtime"/> or <paramref name="models"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty.</exception>
    public MelodyTranscriber(MusicAIRuntime runtime, ModelStore models, string model = "basic-pitch")
    {
        _source = new NeuralModelSource(runtime, models, model);
    }

    /// <summary>Gets the model id or path this transcriber loads.</summary>
    public string Model => _source.Model;

    /// <summary>Transcribes the notes of <paramref name="audio"/>.</summary>
    /// <param name="audio">Any sample rate and channel count; channels are averaged.</param>
    /// <param name="options">Decoding thresholds; <see langword="null"/> uses <see cref="TranscriptionOptions.Default"/>.</param>
    /// <param name="progress">Receives model download progress (if the model is not cached) and one report per 2-second window (stage <c>transcribe</c>).</param>
    /// <param name="cancellationToken">Cancels between windows and inside each inference.</param>
    /// <returns>The notes; none for silence or audio shorter than one frame (11.6 ms).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="audio"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ModelNotFoundException">The model is not cached and cannot be downloaded (offline), or the path does not exist.</exception>
    /// <exception cref="ModelDownloadException">Downloading the model failed.</exception>
    /// <exception cref="ModelLoadException">ONNX Runtime could not load the model.</exception>
    /// <exception cref="ModelContractException">The file is not a basic-pitch model.</exception>
    /// <exception cref="InferenceException">Inference failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<Transcription> TranscribeAsync(
        AudioBuffer audio,
        TranscriptionOptions? options = null,
        IProgress<ProcessingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var settings = (options ?? TranscriptionOptions.Default).ToSettings();
        var engine = await LoadEngineAsync(progress, cancellationToken).ConfigureAwait(false);
        using var mono = ModelAudio.ToMono(audio, BasicPitch.SampleRate);
        var activations = engine.Run(mono.GetChannel(0), includeContour: false, progress, cancellationToken);
        var events = NoteDecoder.Decode(activations, settings);
        return Transcription.FromEvents(events, audio.Duration);
    }

    /// <summary>Resolves, loads and checks the model.</summary>
    internal async Task<BasicPitchEngine> LoadEngineAsync(IProgress<ProcessingProgress>? progress, CancellationToken cancellationToken)
    {
        var resolved = await _source.ResolveAsync(progress, cancellationToken).ConfigureAwait(false);
        return new BasicPitchEngine(_source.GetSession(resolved.ModelPath, resolved.Id));
    }
}
