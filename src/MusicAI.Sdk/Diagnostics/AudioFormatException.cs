namespace MusicAI.Sdk.Diagnostics;

/// <summary>
/// Audio could not be read or written: a corrupt or truncated file, an unsupported encoding, a header that lies
/// about sizes, or a format that needs <c>ffmpeg</c> when none is installed.
/// </summary>
public sealed class AudioFormatException : MusicAIException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the audio and what to do.</param>
    /// <param name="path">The file concerned, when there is one.</param>
    /// <param name="innerException">The decoder's own error, when there is one.</param>
    public AudioFormatException(string message, string? path = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>Gets the file the error concerns, or <see langword="null"/> for streams and buffers.</summary>
    public string? Path { get; }
}
