using System.Numerics.Tensors;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk.Captioning.Neural;

/// <summary>
/// Runs the two CLAP towers (Xenova's split export: <c>audio_model.onnx</c> and <c>text_model.onnx</c>,
/// model-contracts.md §5.2) and L2-normalises their embeddings.
/// </summary>
/// <remarks>Either tower may be absent (loaded only when needed). Thread-safe: each call has its own inputs.</remarks>
internal sealed class ClapEngine
{
    /// <summary>Texts per text-tower run.</summary>
    public const int TextBatch = 32;

    private static readonly long[] s_audioShape = [1, 1, ClapFeatureExtractor.FrameCount, ClapFeatureExtractor.MelBands];

    private readonly OnnxModel? _audio;
    private readonly OnnxModel? _text;
    private readonly ClapTokenizer? _tokenizer;

    /// <summary>Wraps loaded towers after checking their contracts.</summary>
    /// <exception cref="ModelContractException">A tower does not have the CLAP inputs and outputs.</exception>
    public ClapEngine(OnnxModel? audio, OnnxModel? text, ClapTokenizer? tokenizer)
    {
        audio?.EnsureContract(AudioContract);
        text?.EnsureContract(TextContract);
        _audio = audio;
        _text = text;
        _tokenizer = tokenizer;
    }

    /// <summary>Gets the audio tower contract: log-mel features in, one embedding per clip out.</summary>
    public static ModelContract AudioContract { get; } = ModelContract.Parse(
        "CLAP audio tower",
        [$"input_features float32 [batch, 1, {ClapFeatureExtractor.FrameCount}, {ClapFeatureExtractor.MelBands}]"],
        ["audio_embeds float32 [batch, dimension]"]);

    /// <summary>Gets the text tower contract: RoBERTa token ids and mask in, one embedding per text out.</summary>
    public static ModelContract TextContract { get; } = ModelContract.Parse(
        "CLAP text tower",
        ["input_ids int64 [batch, sequence]", "attention_mask int64 [batch, sequence]"],
        ["text_embeds float32 [batch, dimension]"]);

    /// <summary>Embeds 48 kHz mono audio (first 10 s, or repeat-padded to 10 s).</summary>
    /// <returns>The unit-length embedding.</returns>
    public float[] EmbedAudio(ReadOnlySpan<float> audio, CancellationToken cancellationToken)
    {
        var model = _audio ?? throw new InvalidOperationException("The audio tower was not loaded.");
        cancellationToken.ThrowIfCancellationRequested();
        using var inputs = new ModelInputs();
        ClapFeatureExtractor.Extract(audio, inputs.AddPooled<float>("input_features", s_audioShape));
        using var outputs = model.Run(inputs, cancellationToken: cancellationToken);
        var embedding = outputs.GetSpan<float>(outputs.IndexOf("audio_embeds")).ToArray();
        Normalize(embedding);
        return embedding;
    }

    /// <summary>Embeds texts in batches of <see cref="TextBatch"/>, padding each batch to its longest text.</summary>
    /// <returns>One unit-length embedding per text, in order.</returns>
    public float[][] EmbedTexts(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var model = _text ?? throw new InvalidOperationException("The text tower was not loaded.");
        var tokenizer = _tokenizer ?? throw new InvalidOperationException("The tokenizer was not loaded.");
        var result = new float[texts.Count][];
        for (var first = 0; first < texts.Count; first += TextBatch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(TextBatch, texts.Count - first);
            var encoded = new int[count][];
            var length = 1;
            for (var i = 0; i < count; i++)
            {
                encoded[i] = tokenizer.Encode(texts[first + i]);
                length = Math.Max(length, encoded[i].Length);
            }

            using var inputs = new ModelInputs();
            var ids = inputs.AddPooled<long>("input_ids", [count, length]);
            var mask = inputs.AddPooled<long>("attention_mask", [count, length]);
            ids.Fill(tokenizer.PadId);
            mask.Clear();
            for (var i = 0; i < count; i++)
            {
                for (var j = 0; j < encoded[i].Length; j++)
                {
                    ids[(i * length) + j] = encoded[i][j];
                    mask[(i * length) + j] = 1;
                }
            }

            using var outputs = model.Run(inputs, first / TextBatch, cancellationToken);
            var index = outputs.IndexOf("text_embeds");
            var embeddings = outputs.GetSpan<float>(index);
            var shape = outputs.GetShape(index);
            if (shape.Length != 2 || shape[0] != count)
            {
                throw new InferenceException($"The CLAP text tower returned text_embeds of shape [{string.Join(", ", shape)}] for {count} texts; expected [{count}, dimension].", "clap-text", first / TextBatch);
            }

            var dimension = (int)shape[1];
            for (var i = 0; i < count; i++)
            {
                var embedding = embeddings.Slice(i * dimension, dimension).ToArray();
                Normalize(embedding);
                result[first + i] = embedding;
            }
        }

        return result;
    }

    /// <summary>Scales to unit L2 norm in place (a zero vector stays zero).</summary>
    public static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0 && float.IsFinite(norm))
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }
}
