namespace MusicAI.Sdk.Models;

/// <summary>
/// The tensor contract a model follows: which pre- and post-processing the SDK applies around it.
/// </summary>
/// <remarks>
/// The contracts are described in the project's <c>model-contracts.md</c>. Use <see cref="Custom"/> for a model the SDK
/// has no pipeline for (it can still be cached, verified and loaded by path).
/// </remarks>
public enum ModelContractKind
{
    /// <summary>A model with no built-in pipeline.</summary>
    Custom = 0,

    /// <summary>UVR MDX-Net separator: complex spectrogram <c>[batch, 4, dim_f, dim_t]</c> in and out, 44.1 kHz stereo.</summary>
    MdxNet,

    /// <summary>Hybrid Transformer Demucs (v4) four- or six-stem separator, 44.1 kHz stereo.</summary>
    HtDemucs,

    /// <summary>Spotify basic-pitch note transcription: 22,050 Hz mono windows of 43,844 samples.</summary>
    BasicPitch,

    /// <summary>swift-f0 monophonic pitch estimator: 16 kHz mono.</summary>
    SwiftF0,

    /// <summary>Silero voice activity detector: 16 kHz (or 8 kHz) mono chunks with a recurrent state.</summary>
    SileroVad,

    /// <summary>BeatNet beat/downbeat activation network over a 272-dimension log-filtered spectrogram.</summary>
    BeatNet,

    /// <summary>wav2vec2 CTC acoustic model for forced alignment: 16 kHz mono in, per-frame token logits out.</summary>
    Wav2Vec2Ctc,

    /// <summary>CLAP audio/text embedding towers.</summary>
    Clap,

    /// <summary>MusicGen text-to-music (text encoder, decoder with KV cache, EnCodec decoder).</summary>
    MusicGen,
}
