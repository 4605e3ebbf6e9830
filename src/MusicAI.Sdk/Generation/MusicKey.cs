using System.Diagnostics.CodeAnalysis;
using MusicAI.Sdk.Generation.Theory;

namespace MusicAI.Sdk.Generation;

/// <summary>
/// A key: a tonic pitch class and a mode, written the way MIR tools write keys (<c>"A minor"</c>, <c>"Eb major"</c>).
/// </summary>
/// <remarks>
/// <para><see cref="Parse(string)"/> accepts full names (<c>"D minor"</c>, <c>"F# dorian"</c>,
/// <c>"Bb harmonic minor"</c>, <c>"B flat major"</c>) and short forms (<c>"Am"</c>, <c>"Ebmaj"</c>, <c>"F#m"</c>,
/// <c>"Dmin"</c>, a bare <c>"G"</c> for G major). Unicode ♯ and ♭ are accepted.</para>
/// <para><see cref="ToString"/> spells the tonic with the accidentals of the key signature (<c>"Eb major"</c>,
/// <c>"F# minor"</c>, <c>"Bb minor"</c>).</para>
/// </remarks>
[Experimental("MUSICAI001")]
public readonly struct MusicKey : IEquatable<MusicKey>
{
    /// <summary>
    /// Creates a key.
    /// </summary>
    /// <param name="tonic">The tonic pitch class, 0–11 (0 = C, 1 = C♯/D♭, …, 11 = B).</param>
    /// <param name="mode">The mode.</param>
    public MusicKey(int tonic, MusicMode mode)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tonic);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tonic, 11);
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown mode.");
        }

        Tonic = tonic;
        Mode = mode;
    }

    /// <summary>Gets the tonic pitch class, 0–11 (0 = C).</summary>
    public int Tonic { get; }

    /// <summary>Gets the mode.</summary>
    public MusicMode Mode { get; }

    /// <summary>Gets a value indicating whether the mode has a minor third (minor, Dorian, Phrygian, harmonic minor).</summary>
    public bool IsMinor => Scale.IsMinorFamily(Mode);

    /// <summary>
    /// Parses a key name.
    /// </summary>
    /// <param name="text">For example <c>"D minor"</c>, <c>"Eb major"</c>, <c>"F#m"</c>, <c>"Ebmaj"</c>, <c>"C# dorian"</c>.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">The text is not a key; the message lists the accepted forms.</exception>
    public static MusicKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (KeyNames.TryParse(text, out var key))
        {
            return key;
        }

        throw new ArgumentException($"'{text}' is not a key. {KeyNames.AcceptedForms}", nameof(text));
    }

    /// <summary>
    /// Tries to parse a key name (see <see cref="Parse(string)"/>).
    /// </summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="key">The key, when the text is one.</param>
    /// <returns>Whether the text is a key.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out MusicKey key)
    {
        key = default;
        return text is not null && KeyNames.TryParse(text, out key);
    }

    /// <summary>
    /// Returns this key moved by a number of semitones (the mode is kept).
    /// </summary>
    /// <param name="semitones">Semitones up (positive) or down (negative).</param>
    /// <returns>The transposed key.</returns>
    public MusicKey Transpose(int semitones) => new((((Tonic + semitones) % 12) + 12) % 12, Mode);

    /// <summary>Returns the key name, for example <c>"Eb major"</c> or <c>"F# harmonic minor"</c>.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => KeyNames.Format(this);

    /// <inheritdoc/>
    public bool Equals(MusicKey other) => Tonic == other.Tonic && Mode == other.Mode;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MusicKey other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Tonic, Mode);

    /// <summary>Compares two keys for equality.</summary>
    /// <param name="left">The first key.</param>
    /// <param name="right">The second key.</param>
    /// <returns>Whether tonic and mode are equal.</returns>
    public static bool operator ==(MusicKey left, MusicKey right) => left.Equals(right);

    /// <summary>Compares two keys for inequality.</summary>
    /// <param name="left">The first key.</param>
    /// <param name="right">The second key.</param>
    /// <returns>Whether tonic or mode differ.</returns>
    public static bool operator !=(MusicKey left, MusicKey right) => !left.Equals(right);
}
