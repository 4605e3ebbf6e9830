namespace MusicAI.Sdk.Audio.Decoding;

/// <summary>Decides which exceptions from third-party decoders mean "this input cannot be decoded".</summary>
internal static class DecoderErrors
{
    /// <summary>
    /// Gets whether an exception thrown by NLayer or NVorbis is a decoding failure to wrap in
    /// <see cref="Diagnostics.AudioFormatException"/>: everything except cancellation and corrupted-state
    /// conditions. An <see cref="OutOfMemoryException"/> counts as a failure: inside a decoder it comes from an
    /// allocation sized by a lying header.
    /// </summary>
    /// <param name="exception">The exception.</param>
    /// <returns><see langword="true"/> to wrap it.</returns>
    public static bool IsDecoderFailure(Exception exception) =>
        exception is not (OperationCanceledException or StackOverflowException or AccessViolationException);
}
