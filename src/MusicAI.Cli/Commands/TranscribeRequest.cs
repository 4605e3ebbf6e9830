using MusicAI.Sdk.Captioning.Neural;

namespace MusicAI.Cli.Commands;

/// <summary>What one <c>musicai transcribe</c> run was asked to do.</summary>
internal sealed record TranscribeRequest(
    string AudioPath,
    string? OutputPath,
    bool Json,
    string Model,
    string? ModelsDirectory,
    bool Offline,
    TranscriptionOptions Options);
