// Splits a song into drums, bass, other and vocals with the built-in separator (no model download), streaming the
// stems to WAV files, then reports where the voice is.
//
//   dotnet run --project samples/SeparateStems -- song.mp3 [output-folder]
//
// Without arguments it first writes a 20-second rock song with the SDK's SongGenerator (song.wav) and separates that.
//
// Ctrl+C stops cleanly: no half-written stem file is left behind.
using System.Globalization;
using MusicAI.Sdk;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Generation;
using MusicAI.Sdk.Separation;

var input = args.Length > 0 ? args[0] : await WriteDemoSongAsync("song.wav");
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
    if (args.Length == 0)
    {
        Console.WriteLine("  (the generated song has no voice: any segment listed below is a false alarm of the detector)");
    }
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

// A song to separate when none is given: the generator's rock preset, 20 s, a fixed seed.
static async Task<string> WriteDemoSongAsync(string path)
{
    Console.WriteLine("no song given: generating a 20 s rock song with the SongGenerator → " + path);
    using var song = await new SongGenerator().WithPrompt("driving rock at 128 bpm in E minor")
        .WithDuration(TimeSpan.FromSeconds(20)).WithSeed(3).GenerateAsync();
    await song.Mix.SaveWavAsync(path, WavSampleFormat.Pcm16);
    return path;
}
