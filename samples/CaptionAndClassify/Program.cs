// Caption and describe a song with MusicAI.Sdk's Captioner (the embedded analysis: no model, no download).
//
//   dotnet run --project samples/CaptionAndClassify -- song.mp3 [lyrics.txt]
//
// Without arguments it captions a short chord-and-drum loop it synthesizes itself (90 BPM, D minor).
// The era-classification part of this sample belongs to the EraClassifier (a later issue).
using Microsoft.Extensions.DependencyInjection;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Captioning;

var services = new ServiceCollection();
services.AddMusicAI().AddCaptioner(o => o.DefaultStyle = CaptionStyle.Full);
await using var provider = services.BuildServiceProvider();
var captioner = provider.GetRequiredService<Captioner>();

var request = args.Length > 1 ? captioner.WithLyrics(await File.ReadAllTextAsync(args[1])) : captioner.WithStyle(CaptionStyle.Full);
MusicDescription description;
if (args.Length > 0)
{
    var progress = new Progress<MusicAI.Sdk.Diagnostics.ProcessingProgress>(p => Console.Error.Write($"\ranalyzing {p.Fraction:P0}  "));
    description = await request.AnalyzeAsync(args[0], progress);
    Console.Error.WriteLine();
}
else
{
    using var loop = DemoLoop();
    description = await request.AnalyzeAsync(loop);
}

Console.WriteLine(description.Caption);
Console.WriteLine(description.ToCaption(CaptionStyle.Short));
Console.WriteLine();
Console.WriteLine($"tempo   {description.Tempo.Bpm:0.0} BPM ({description.Tempo.Confidence:P0}), meter {description.Tempo.Meter ?? "?"}, {description.Tempo.Beats.Count} beats");
Console.WriteLine($"key     {description.Key.Name ?? "none"} ({description.Key.Confidence:P0})");
Console.WriteLine($"loud    {description.Loudness.IntegratedLufs:0.0} LUFS, LRA {description.Loudness.RangeLu:0.0} LU, true peak {description.Loudness.TruePeakDbtp:0.0} dBTP");
Console.WriteLine($"vocals  {(description.Vocals.Present ? $"{description.Vocals.SungFraction:P0} of the time" : "none detected")} ({description.Vocals.Confidence:P0})");
Console.WriteLine($"mood    {description.Mood.Label} (valence {description.Mood.Valence:+0.00;-0.00}, arousal {description.Mood.Arousal:+0.00;-0.00})");
Console.WriteLine($"form    {string.Join(" ", description.Sections.Select(s => $"{s.Label}@{s.Start:0}s"))}");
if (description.Lyrics is { } lyrics)
{
    Console.WriteLine($"lyrics  {lyrics.Language ?? "?"}, hook \"{lyrics.Hook}\", themes {string.Join(", ", lyrics.Themes.Select(t => t.Name))}");
}

File.WriteAllText("description.json", description.ToJson());
Console.WriteLine("wrote description.json");

// D minor cadences (i–iv–V–i, a chord per bar) over kick and snare at 90 BPM, for 24 s.
static AudioBuffer DemoLoop()
{
    const int rate = 44100;
    const double beat = 60.0 / 90;
    var samples = new float[rate * 24];
    int[][] chords = [[62, 65, 69], [55, 58, 62], [57, 61, 64], [62, 65, 69]];
    for (var b = 0; b * beat < 24; b++)
    {
        var start = (int)(b * beat * rate);
        var chord = chords[b / 4 % 4];
        for (var i = 0; i < (int)(beat * rate) && start + i < samples.Length; i++)
        {
            var t = i / (double)rate;
            var drum = b % 2 == 0 ? Math.Sin(2 * Math.PI * 55 * t) * Math.Exp(-t * 20) : Math.Sin(i * 12.9898) * 0.5 * Math.Exp(-t * 25);
            var tones = chord.Sum(n => Math.Sin(2 * Math.PI * 440 * Math.Pow(2, (n - 69) / 12.0) * t)) * 0.08 * Math.Exp(-t * 1.5);
            var bass = Math.Sin(2 * Math.PI * 440 * Math.Pow(2, (chord[0] - 24 - 69) / 12.0) * t) * 0.2;
            samples[start + i] = (float)(0.5 * drum + tones + bass);
        }
    }

    return AudioBuffer.FromChannels(rate, samples);
}
