namespace MusicAI.Sdk.Runtime;

/// <summary>An execution provider that was not used, with the kind of reason and the reason as a sentence.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="Kind">The kind of reason, for code that reacts to it.</param>
/// <param name="Reason">The reason, written for the person reading logs or <c>musicai doctor</c>.</param>
internal readonly record struct SkippedProvider(ExecutionProvider Provider, ProviderSkipKind Kind, string Reason);
