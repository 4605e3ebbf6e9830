namespace MusicAI.Sdk.Models;

/// <summary>The result of checking one file of a cached model.</summary>
/// <remarks>Immutable.</remarks>
public sealed class ModelFileVerification
{
    internal ModelFileVerification(ModelFile file, string path, ModelFileStatus status, long? actualSizeBytes, string? expectedSha256, string? actualSha256)
    {
        File = file;
        Path = path;
        Status = status;
        ActualSizeBytes = actualSizeBytes;
        ExpectedSha256 = expectedSha256;
        ActualSha256 = actualSha256;
    }

    /// <summary>Gets the manifest entry that was checked.</summary>
    public ModelFile File { get; }

    /// <summary>Gets the full path the file is expected at.</summary>
    public string Path { get; }

    /// <summary>Gets the outcome.</summary>
    public ModelFileStatus Status { get; }

    /// <summary>Gets a value indicating whether the file is present and not known to be wrong.</summary>
    /// <remarks>True for <see cref="ModelFileStatus.Verified"/>, <see cref="ModelFileStatus.MatchesRecordedHash"/> and <see cref="ModelFileStatus.Unverifiable"/>.</remarks>
    public bool IsIntact => Status is ModelFileStatus.Verified or ModelFileStatus.MatchesRecordedHash or ModelFileStatus.Unverifiable;

    /// <summary>Gets the size found on disk, or <see langword="null"/> when the file is missing.</summary>
    public long? ActualSizeBytes { get; }

    /// <summary>Gets the SHA-256 the file should have (published, else recorded), or <see langword="null"/> when there is none.</summary>
    public string? ExpectedSha256 { get; }

    /// <summary>Gets the SHA-256 computed from the file, or <see langword="null"/> when it was not computed (missing file, wrong size).</summary>
    public string? ActualSha256 { get; }

    /// <summary>Describes the outcome in one sentence, naming expected and actual values for a mismatch.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Status switch
    {
        ModelFileStatus.Missing => $"{File.Name}: missing ({Path})",
        ModelFileStatus.Verified => $"{File.Name}: verified (SHA-256 {ActualSha256})",
        ModelFileStatus.MatchesRecordedHash => $"{File.Name}: matches the SHA-256 recorded at download ({ActualSha256}); no published hash",
        ModelFileStatus.Unverifiable => $"{File.Name}: present, but no published or recorded SHA-256 to check it against",
        ModelFileStatus.SizeMismatch => $"{File.Name}: size mismatch: expected {File.SizeBytes} bytes, found {ActualSizeBytes}",
        ModelFileStatus.HashMismatch => $"{File.Name}: SHA-256 mismatch: expected {ExpectedSha256}, found {ActualSha256}",
        _ => $"{File.Name}: {Status}",
    };
}
