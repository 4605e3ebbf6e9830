namespace MusicAI.Sdk.Captioning.Neural;

/// <summary>How well one label describes a recording, from <see cref="MusicTextEmbedder.TagAsync"/>.</summary>
/// <param name="Label">The label as given (for example <c>jazz music</c>).</param>
/// <param name="Score">
/// The zero-shot probability: a softmax over all the labels scored together, so the scores of one call sum to 1 and
/// depend on which other labels were offered.
/// </param>
/// <param name="Similarity">
/// The cosine similarity of the audio and prompt embeddings, −1 to 1; independent of the other labels (use it to
/// threshold labels that are not mutually exclusive, such as instruments).
/// </param>
public sealed record ZeroShotTag(string Label, float Score, float Similarity);
