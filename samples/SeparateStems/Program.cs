// Splits a song into drums, bass, other and vocals with the built-in separator (no model download), streaming the
// stems to WAV files, then reports where the voice is.
//
//   dotnet run --project samples/SeparateStems -- song.mp3 [output-folder]
//
// Ctrl+C stops cleanly: no half-written stem file is left behind.
using System.Globalization;
using MusicAI.Sdk;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Separation;

if (args.Length == 0)
{
    await Console.Error.WriteLineAsync("usage: SeparateStems <song> [output-folder]");
    return 1;
}

var input = args[0];
var output = args.Length > 1 ? args[1] : Path.Combine("separated", Path.GetFileNameWithoutExtension(input));
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

await using var client = MusicAIClient.Create();
var progress = new Progress<ProcessingProgress>(p => Console.Write(string.Create(CultureInfo.InvariantCulture, $"\r{p.Stage,-9} {p.Fraction ?? 0:P0}   ")));
try
{
    // Any length: the file is read and the stems are written chunk by chunk, in bounded memory.
    var files = await client.Separator
        .Stems(Stem.Drums, Stem.Bass, Stem.Other, Stem.Vocals)
        .SeparateToFilesAsync(input, output, progress, cancel.Token);
    Console.WriteLine();
    foreach (var (stem, path) in files)
    {
        Console.WriteLine($"{stem,-7} {path}");
    }

    // In memory (for songs that fit): vocals + accompaniment, which sum to the mix, and where the voice is.
    using var mix = await AudioBuffer.LoadAsync(input, cancel.Token);
    using var stems = await client.Separator.Stems(Stem.Vocals, Stem.Accompaniment).SeparateAsync(mix, progress, cancel.Token);
    var activity = stems.DetectVocalActivity();
    Console.WriteLine();
    Console.WriteLine($"voice in {activity.Segments.Count} segments:");
    foreach (var segment in activity.Segments.Take(20))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {segment.Start:mm\\:ss\\.ff} – {segment.End:mm\\:ss\\.ff}"));
    }

    return 0;
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("\ncancelled; no stem files were written.");
    return 130;
}
catch (MusicAIException ex)
{
    await Console.Error.WriteLineAsync($"\nerror: {ex.Message}");
    return 2;
}
