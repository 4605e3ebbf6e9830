using System.Diagnostics.CodeAnalysis;

namespace MusicAI.Sdk.Generation;

/// <summary>
/// Options of a <see cref="SongGenerator"/>.
/// </summary>
[Experimental("MUSICAI001")]
public sealed class SongGeneratorOptions
{
    /// <summary>The default sample rate, 48 kHz.</summary>
    public const int DefaultSampleRate = 48_000;

    /// <summary>Gets or sets the sample rate of generated audio, 8 000 to 192 000 Hz.</summary>
    /// <remarks>Default 48 000 Hz. A request can override it with <see cref="GenerationRequest.WithSampleRate(int)"/>.</remarks>
    public int SampleRate { get; set; } = DefaultSampleRate;

    /// <summary>Gets or sets the longest song <see cref="GenerationRequest.GenerateAsync"/> renders into memory.</summary>
    /// <remarks>
    /// Default 10 minutes: 230 MB for the stereo float mix at 48 kHz, and as much again for each stem when stems are
    /// kept. Longer music is streamed with <see cref="GenerationRequest.CreateStream"/>, which has no length limit and
    /// holds only the section playing and the next.
    /// </remarks>
    public TimeSpan MaxOfflineDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Returns every problem with these options, or an empty list when they are valid.</summary>
    /// <returns>One sentence per problem.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (SampleRate is < 8_000 or > 192_000)
        {
            errors.Add($"SampleRate {SampleRate} Hz is outside 8000–192000 Hz: use 44100 or 48000.");
        }

        if (MaxOfflineDuration <= TimeSpan.Zero || MaxOfflineDuration > TimeSpan.FromHours(2))
        {
            errors.Add($"MaxOfflineDuration {MaxOfflineDuration} must be more than 0 and at most 2 hours; stream longer music with CreateStream().");
        }

        return errors;
    }
}
