using System.Text.RegularExpressions;

namespace MusicAI.Sdk.Models;

/// <summary>
/// One file of a model: its name in the model's cache folder, where to download it, and how to check it.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed partial class ModelFile
{
    /// <summary>Creates a model file description.</summary>
    /// <param name="name">
    /// The file name inside the model's folder, for example <c>model.onnx</c>: letters, digits, <c>.</c>, <c>_</c> and
    /// <c>-</c>, no path separators. Keep the upstream name when other files refer to it (ONNX external data).
    /// </param>
    /// <param name="url">The <c>http</c> or <c>https</c> address to download from, or <see langword="null"/> for a file the
    /// user copies into the cache by hand.</param>
    /// <param name="sizeBytes">The exact size in bytes, or <see langword="null"/> when not published.</param>
    /// <param name="sha256">The SHA-256 of the file as 64 hexadecimal digits, or <see langword="null"/> when not published
    /// (the store then records the hash of the first download and checks later copies against it).</param>
    /// <exception cref="ArgumentException">The name, address, size or hash is not valid; the message says why.</exception>
    public ModelFile(string name, Uri? url, long? sizeBytes = null, string? sha256 = null)
    {
        ModelNames.ThrowIfInvalidFileName(name, nameof(name));
        if (url is not null && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
        {
            throw new ArgumentException($"The download address '{url}' of '{name}' is not an absolute http or https URL.", nameof(url));
        }

        if (sizeBytes is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sizeBytes), sizeBytes, $"The size of '{name}' must be positive, or null when unknown.");
        }

        if (sha256 is not null && !Sha256Pattern().IsMatch(sha256))
        {
            throw new ArgumentException($"The SHA-256 of '{name}' must be 64 hexadecimal digits, or null when unknown; got '{sha256}'.", nameof(sha256));
        }

        Name = name;
        Url = url;
        SizeBytes = sizeBytes;
        Sha256 = sha256?.ToLowerInvariant();
    }

    /// <summary>Gets the file name inside the model's folder.</summary>
    public string Name { get; }

    /// <summary>Gets the download address, or <see langword="null"/> when the file must be copied into the cache by hand.</summary>
    public Uri? Url { get; }

    /// <summary>Gets the exact size in bytes, or <see langword="null"/> when not published.</summary>
    public long? SizeBytes { get; }

    /// <summary>Gets the published SHA-256 in lower-case hexadecimal, or <see langword="null"/> when none is published.</summary>
    public string? Sha256 { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;

    [GeneratedRegex("^[0-9a-fA-F]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Pattern();
}
