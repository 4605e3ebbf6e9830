using System.Security.Cryptography;

namespace MusicAI.Sdk.Models;

/// <summary>SHA-256 of files, as lower-case hexadecimal.</summary>
internal static class FileHashing
{
    public static async Task<string> ComputeSha256Async(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return Convert.ToHexStringLower(hash);
        }
    }

    /// <summary>Feeds the first <paramref name="length"/> bytes of a file into <paramref name="hash"/>.</summary>
    public static async Task AppendFileAsync(IncrementalHash hash, string path, long length, byte[] buffer, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            var remaining = length;
            while (remaining > 0)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException($"'{path}' became shorter while it was being read.");
                }

                hash.AppendData(buffer, 0, read);
                remaining -= read;
            }
        }
    }
}
