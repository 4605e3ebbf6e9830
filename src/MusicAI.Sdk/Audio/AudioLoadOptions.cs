namespace MusicAI.Sdk.Audio;

/// <summary>
/// How <see cref="AudioBuffer.LoadAsync(string, AudioLoadOptions?, CancellationToken)"/> and
/// <see cref="AudioReader"/> decode audio.
/// </summary>
/// <remarks>
/// The defaults keep the file's own sample rate and channel count and reject NaN/infinite samples.
/// Conversions run while decoding, chunk by chunk, with the same filters as <see cref="AudioBuffer.Resample(int)"/>
/// and <see cref="AudioBuffer.ToChannelCount(int)"/>.
/// </remarks>
public sealed class AudioLoadOptions
{
    /// <summary>
    /// Gets the sample rate to convert to, or <see langword="null"/> (the default) to keep the file's rate.
    /// </summary>
    public int? SampleRate { get; init; }

    /// <summary>
    /// Gets the channel count to convert to, or <see langword="null"/> (the default) to keep the file's channels.
    /// </summary>
    /// <remarks>The conversion matrix is documented on <see cref="AudioBuffer.ToChannelCount(int)"/>.</remarks>
    public int? ChannelCount { get; init; }

    /// <summary>
    /// Gets a value indicating whether NaN and infinite samples are replaced with 0 instead of rejected.
    /// </summary>
    /// <remarks>
    /// Default <see langword="false"/>: the first non-finite sample raises
    /// <see cref="Diagnostics.AudioFormatException"/> naming its frame, because such samples poison every filter
    /// downstream. Only float WAV files and damaged compressed files can contain them.
    /// </remarks>
    public bool ReplaceNonFiniteSamples { get; init; }

    internal static AudioLoadOptions Default { get; } = new();

    internal void Validate()
    {
        if (SampleRate is { } rate && rate is < AudioBuffer.MinSampleRate or > AudioBuffer.MaxSampleRate)
        {
            throw new ArgumentOutOfRangeException(nameof(SampleRate), rate, $"The target sample rate must be {AudioBuffer.MinSampleRate} to {AudioBuffer.MaxSampleRate} Hz.");
        }

        if (ChannelCount is { } channels && channels is < 1 or > AudioBuffer.MaxChannels)
        {
            throw new ArgumentOutOfRangeException(nameof(ChannelCount), channels, $"The target channel count must be 1 to {AudioBuffer.MaxChannels}.");
        }
    }
}
