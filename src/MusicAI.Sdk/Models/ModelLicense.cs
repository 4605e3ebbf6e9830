namespace MusicAI.Sdk.Models;

/// <summary>
/// The licence a model's weights are published under, with the attribution text the licence requires.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed class ModelLicense
{
    /// <summary>Creates a licence description.</summary>
    /// <param name="id">An SPDX identifier such as <c>MIT</c> or <c>CC-BY-4.0</c>, or <c>LicenseRef-...</c> for others.</param>
    /// <param name="note">A short note: who holds the rights, caveats, where the terms were read.</param>
    /// <param name="attribution">The credit text to show users where the licence requires it, or <see langword="null"/>.</param>
    /// <param name="allowsRedistribution">
    /// Whether the weights may be redistributed (for example bundled in an application). <see langword="false"/> when
    /// the terms are unknown or forbid it.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty.</exception>
    public ModelLicense(string id, string? note = null, string? attribution = null, bool allowsRedistribution = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
        Note = note ?? "";
        Attribution = string.IsNullOrWhiteSpace(attribution) ? null : attribution;
        AllowsRedistribution = allowsRedistribution;
    }

    /// <summary>Gets the SPDX-like licence identifier, for example <c>Apache-2.0</c>.</summary>
    public string Id { get; }

    /// <summary>Gets a short human-readable note about the terms (empty when none was given).</summary>
    public string Note { get; }

    /// <summary>Gets the attribution text the licence requires, or <see langword="null"/> when none is required.</summary>
    public string? Attribution { get; }

    /// <summary>Gets a value indicating whether the weights may be redistributed.</summary>
    /// <remarks><see langword="false"/> also means "not established": check the terms before bundling such a model.</remarks>
    public bool AllowsRedistribution { get; }

    /// <inheritdoc/>
    public override string ToString() => Id;
}
