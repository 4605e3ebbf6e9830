namespace MusicAI.Sdk.Diagnostics;

/// <summary>
/// Base class of every error MusicAI.Sdk raises for a problem with input, models or the runtime
/// (argument errors at the public boundary use the BCL argument exceptions instead).
/// </summary>
/// <remarks>
/// Messages are written for the person who has to fix the problem: they say what was wrong and what to do.
/// Catch a subclass to react to one kind of problem, or this class to report any of them.
/// </remarks>
public class MusicAIException : Exception
{
    /// <summary>Creates an exception with a message that says what to do.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    public MusicAIException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="innerException">The underlying error.</param>
    public MusicAIException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
