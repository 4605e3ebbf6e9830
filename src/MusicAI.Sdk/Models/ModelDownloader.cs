using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Models;

/// <summary>
/// Downloads one model file into <c>&lt;name&gt;.partial</c>, resuming with an HTTP <c>Range</c> request when a partial
/// file exists, enforces the size cap and the expected size, checks the SHA-256, and only then renames the file into
/// place. Not thread-safe for one target: the caller holds the model's lock.
/// </summary>
internal sealed class ModelDownloader(Func<HttpClient> httpClient, ILogger logger, long maxDownloadBytes)
{
    private const int BufferSize = 1 << 16;

    /// <summary>Gets or sets how many times one call tries before giving up on retryable errors. Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Gets or sets the wait before retry n (multiplied by n). Default 1 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how long the server may send nothing before the attempt counts as failed. Default 60 s.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Downloads <paramref name="file"/> to <paramref name="finalPath"/> and returns the SHA-256 of what was written.
    /// </summary>
    /// <param name="modelId">For messages and progress.</param>
    /// <param name="file">The manifest entry (address, size).</param>
    /// <param name="expectedSha256">The hash to enforce (published, else recorded at first download), or null.</param>
    /// <param name="expectedIsRecorded">True when <paramref name="expectedSha256"/> was recorded at first download rather than published.</param>
    /// <param name="finalPath">Where the verified file goes.</param>
    /// <param name="progress">Receives bytes done / total.</param>
    /// <param name="cancellationToken">Cancels; the partial file is kept for a later resume.</param>
    public async Task<string> DownloadAsync(
        string modelId,
        ModelFile file,
        string? expectedSha256,
        bool expectedIsRecorded,
        string finalPath,
        IProgress<ProcessingProgress>? progress,
        CancellationToken cancellationToken)
    {
        var url = file.Url ?? throw new InvalidOperationException("The caller checks that the file has an address.");
        if (file.SizeBytes is { } declared && declared > maxDownloadBytes)
        {
            throw new ModelDownloadException(
                $"'{modelId}/{file.Name}' is {declared:N0} bytes, over the download size cap of {maxDownloadBytes:N0} bytes: raise MusicAIOptions.MaxDownloadBytes if you trust this model.",
                modelId,
                url);
        }

        var partialPath = finalPath + ModelNames.PartialSuffix;
        var restartedAfterBadHash = false;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var (actual, resumed) = await TransferAsync(modelId, file, url, partialPath, progress, cancellationToken).ConfigureAwait(false);
                if (expectedSha256 is not null && !string.Equals(actual, expectedSha256, StringComparison.Ordinal))
                {
                    DeleteIfExists(partialPath);
                    if (resumed && !restartedAfterBadHash)
                    {
                        // The bytes kept from an earlier attempt may be the bad part: try once more from zero.
                        restartedAfterBadHash = true;
                        ModelStoreLog.RestartAfterBadHash(logger, modelId, file.Name);
                        continue;
                    }

                    var advice = expectedIsRecorded
                        ? "The server now sends different bytes than the first download, whose hash was recorded (no hash is published for this file). "
                          + $"If the file legitimately changed upstream, run 'musicai models remove {modelId}' and pull again."
                        : "The server sent different bytes than the manifest pins: check the address, or report it if the catalog is out of date.";
                    throw new ModelDownloadException(
                        $"'{modelId}/{file.Name}' from {url} failed verification: expected SHA-256 {expectedSha256}, got {actual}. The downloaded file was deleted. {advice}",
                        modelId,
                        url);
                }

                File.Move(partialPath, finalPath, overwrite: true);
                return actual;
            }
            catch (RetryableDownloadException ex) when (attempt < MaxAttempts)
            {
                ModelStoreLog.Retrying(logger, modelId, file.Name, attempt, MaxAttempts, ex.Message);
                await Task.Delay(RetryDelay * attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (RetryableDownloadException ex)
            {
                var kept = File.Exists(partialPath) ? $" {new FileInfo(partialPath).Length:N0} bytes are kept in '{partialPath}'; run the pull again to resume." : "";
                throw new ModelDownloadException(
                    $"Downloading '{modelId}/{file.Name}' from {url} failed after {attempt} attempt{(attempt == 1 ? "" : "s")}: {ex.Message}.{kept}",
                    modelId,
                    url,
                    ex.InnerException);
            }
        }
    }

    /// <summary>One HTTP exchange (plus at most one immediate restart from zero). Returns the hash of the complete partial file.</summary>
    private async Task<(string Sha256, bool Resumed)> TransferAsync(
        string modelId,
        ModelFile file,
        Uri url,
        string partialPath,
        IProgress<ProcessingProgress>? progress,
        CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            for (var restart = 0; ; restart++)
            {
                var offset = File.Exists(partialPath) ? new FileInfo(partialPath).Length : 0;
                if (file.SizeBytes is { } size && offset > size)
                {
                    DeleteIfExists(partialPath);
                    offset = 0;
                }

                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                if (offset > 0 && offset == file.SizeBytes)
                {
                    // A complete partial file from an interrupted earlier run: nothing left to fetch.
                    await FileHashing.AppendFileAsync(hash, partialPath, offset, buffer, cancellationToken).ConfigureAwait(false);
                    return (Convert.ToHexStringLower(hash.GetHashAndReset()), true);
                }

                var outcome = await ExchangeAsync(modelId, file, url, partialPath, offset, hash, buffer, progress, cancellationToken).ConfigureAwait(false);
                if (outcome != Outcome.RestartFromZero)
                {
                    return (Convert.ToHexStringLower(hash.GetHashAndReset()), outcome == Outcome.CompleteResumed);
                }

                if (restart >= 1)
                {
                    throw new RetryableDownloadException("the server did not honour the resume request twice in a row", null);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private enum Outcome
    {
        /// <summary>The partial file is complete; every byte came in this exchange.</summary>
        Complete,

        /// <summary>The partial file is complete; its first part came from an earlier attempt.</summary>
        CompleteResumed,

        /// <summary>The server could not continue the partial file, which was deleted: start again from byte 0.</summary>
        RestartFromZero,
    }

    private async Task<Outcome> ExchangeAsync(
        string modelId,
        ModelFile file,
        Uri url,
        string partialPath,
        long offset,
        IncrementalHash hash,
        byte[] buffer,
        IProgress<ProcessingProgress>? progress,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("MusicAI.Sdk", typeof(ModelDownloader).Assembly.GetName().Version?.ToString(3) ?? "0"));
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
        }

        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(StallTimeout);
        HttpResponseMessage response;
        try
        {
            response = await httpClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stall.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new RetryableDownloadException($"the request failed ({ex.Message})", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RetryableDownloadException($"the server did not answer within {StallTimeout.TotalSeconds:0.###} s", ex);
        }

        using (response)
        {
            var append = false;
            switch (response.StatusCode)
            {
                case HttpStatusCode.PartialContent when offset > 0:
                    var range = response.Content.Headers.ContentRange;
                    if (range is not { HasRange: true } || range.From != offset)
                    {
                        ModelStoreLog.RangeIgnored(logger, modelId, file.Name, offset, $"it answered 206 with Content-Range '{range}'");
                        DeleteIfExists(partialPath);
                        return Outcome.RestartFromZero;
                    }

                    if (range.Length is { } rangeTotal)
                    {
                        CheckTotal(modelId, file, url, partialPath, rangeTotal);
                    }

                    append = true;
                    break;
                case HttpStatusCode.OK:
                    if (offset > 0)
                    {
                        ModelStoreLog.RangeIgnored(logger, modelId, file.Name, offset, "it answered 200 with the whole file");
                    }

                    break;
                case HttpStatusCode.RequestedRangeNotSatisfiable when offset > 0:
                    // The partial file is as long as (or longer than) the server's file, or the file changed.
                    if (response.Content.Headers.ContentRange?.Length == offset && file.SizeBytes is null)
                    {
                        await FileHashing.AppendFileAsync(hash, partialPath, offset, buffer, cancellationToken).ConfigureAwait(false);
                        return Outcome.CompleteResumed;
                    }

                    ModelStoreLog.RangeIgnored(logger, modelId, file.Name, offset, "it answered 416 (range not satisfiable)");
                    DeleteIfExists(partialPath);
                    return Outcome.RestartFromZero;
                case HttpStatusCode.NotFound or HttpStatusCode.Gone:
                    throw new ModelDownloadException(
                        $"'{modelId}/{file.Name}' is not at {url} (HTTP {(int)response.StatusCode} {response.ReasonPhrase}). "
                        + "The file may have moved: update MusicAI.Sdk, pull with a manifest (--manifest FILE) that points at the new address, or copy the file into the model cache by hand.",
                        modelId,
                        url);
                case var status when (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests:
                    throw new RetryableDownloadException($"the server answered HTTP {(int)status} {response.ReasonPhrase}", null);
                default:
                    throw new ModelDownloadException(
                        $"'{modelId}/{file.Name}' could not be downloaded from {url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}. Check the address and your network or proxy settings.",
                        modelId,
                        url);
            }

            var start = append ? offset : 0;
            var remaining = response.Content.Headers.ContentLength;
            if (remaining is { } length)
            {
                CheckTotal(modelId, file, url, partialPath, start + length);
            }

            var total = file.SizeBytes ?? (remaining is { } r ? start + r : 0);
            var limit = Math.Min(file.SizeBytes ?? long.MaxValue, maxDownloadBytes);
            if (append)
            {
                await FileHashing.AppendFileAsync(hash, partialPath, offset, buffer, cancellationToken).ConfigureAwait(false);
            }

            var stage = $"download {modelId}/{file.Name}";
            progress?.Report(new ProcessingProgress(stage, start, total));
            var written = start;
            var overLimit = false;
            var output = new FileStream(partialPath, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous);
            await using (output.ConfigureAwait(false))
            {
                Stream body;
                try
                {
                    body = await response.Content.ReadAsStreamAsync(stall.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
                {
                    throw Transport(ex);
                }

                await using (body.ConfigureAwait(false))
                {
                    var lastReport = Environment.TickCount64;
                    while (true)
                    {
                        stall.CancelAfter(StallTimeout);
                        int read;
                        try
                        {
                            read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), stall.Token).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
                        {
                            throw Transport(ex);
                        }

                        if (read == 0)
                        {
                            break;
                        }

                        if (written + read > limit)
                        {
                            overLimit = true;
                            break;
                        }

                        await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        hash.AppendData(buffer, 0, read);
                        written += read;
                        var now = Environment.TickCount64;
                        if (now - lastReport >= 100)
                        {
                            lastReport = now;
                            progress?.Report(new ProcessingProgress(stage, written, total));
                        }
                    }
                }
            }

            if (overLimit)
            {
                DeleteIfExists(partialPath);
                throw file.SizeBytes is { } declaredSize
                    ? new ModelDownloadException(
                        $"The server sent more than the {declaredSize:N0} bytes the manifest declares for '{modelId}/{file.Name}' ({url}); the download was deleted. Check the address or the manifest.",
                        modelId,
                        url)
                    : new ModelDownloadException(
                        $"'{modelId}/{file.Name}' from {url} is larger than the download size cap of {maxDownloadBytes:N0} bytes; the download was stopped and deleted. Raise MusicAIOptions.MaxDownloadBytes if you trust this model.",
                        modelId,
                        url);
            }

            if (remaining is { } expectedLength && written - start < expectedLength)
            {
                throw new RetryableDownloadException($"the connection ended after {written:N0} of {start + expectedLength:N0} bytes", null);
            }

            if (file.SizeBytes is { } declared && written != declared)
            {
                if (remaining is null)
                {
                    // No Content-Length: a short body may be a dropped connection, so keep it and resume.
                    throw new RetryableDownloadException($"the connection ended after {written:N0} of {declared:N0} bytes", null);
                }

                DeleteIfExists(partialPath);
                throw new ModelDownloadException(
                    $"'{modelId}/{file.Name}' from {url} is {written:N0} bytes, but the manifest declares {declared:N0}; the download was deleted. Check the address or the manifest.",
                    modelId,
                    url);
            }

            progress?.Report(new ProcessingProgress(stage, written, total == 0 ? written : total));
            return append ? Outcome.CompleteResumed : Outcome.Complete;
        }
    }

    private void CheckTotal(string modelId, ModelFile file, Uri url, string partialPath, long total)
    {
        if (file.SizeBytes is { } declared && total != declared)
        {
            DeleteIfExists(partialPath);
            throw new ModelDownloadException(
                $"The server reports {total:N0} bytes for '{modelId}/{file.Name}' ({url}), but the manifest declares {declared:N0}. Nothing was kept. Check the address or the manifest.",
                modelId,
                url);
        }

        if (total > maxDownloadBytes)
        {
            DeleteIfExists(partialPath);
            throw new ModelDownloadException(
                $"'{modelId}/{file.Name}' ({url}) is {total:N0} bytes according to the server, over the download size cap of {maxDownloadBytes:N0} bytes: raise MusicAIOptions.MaxDownloadBytes if you trust this model.",
                modelId,
                url);
        }
    }

    private static bool IsTransportFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is IOException or HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private RetryableDownloadException Transport(Exception ex) => ex is OperationCanceledException
        ? new RetryableDownloadException($"the server sent nothing for {StallTimeout.TotalSeconds:0.###} s", ex)
        : new RetryableDownloadException($"the connection failed ({ex.Message})", ex);

    private static void DeleteIfExists(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>A failure worth another attempt (dropped connection, stall, HTTP 5xx); never leaves this class.</summary>
    private sealed class RetryableDownloadException(string message, Exception? innerException) : IOException(message, innerException);
}
