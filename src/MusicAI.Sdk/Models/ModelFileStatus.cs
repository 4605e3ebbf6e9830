namespace MusicAI.Sdk.Models;

/// <summary>The outcome of checking one cached model file.</summary>
public enum ModelFileStatus
{
    /// <summary>The file is not in the cache.</summary>
    Missing = 0,

    /// <summary>The size and the published SHA-256 match.</summary>
    Verified,

    /// <summary>
    /// No SHA-256 is published, and the file matches the hash the store recorded when it downloaded it (trust on first use).
    /// </summary>
    MatchesRecordedHash,

    /// <summary>No SHA-256 is published and none was recorded (for example the file was copied in by hand); size matches if known.</summary>
    Unverifiable,

    /// <summary>The size differs from the manifest (truncated or replaced file).</summary>
    SizeMismatch,

    /// <summary>The SHA-256 differs from the published or recorded one (corrupt or tampered file).</summary>
    HashMismatch,
}
