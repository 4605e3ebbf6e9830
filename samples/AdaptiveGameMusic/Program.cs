// A console "game" that drives adaptive music: exploration at low intensity, enemies approach (intensity up, a
// danger stinger on the beat), combat on the next bar, the boss falls (a triumph stinger, victory), then back to
// exploring at the end of the section. Time is simulated: the "audio callback" pulls 512-frame blocks as a sound
// card would, and the result is written to a WAV file instead of a speaker.
//
//   dotnet run --project samples/AdaptiveGameMusic [-- output.wav]      (default: beside the built sample)
using System.Globalization;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Generation;

const int BlockFrames = 512;
const double GameSeconds = 54;
var output = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "adaptive-game-music.wav");

var generator = new SongGenerator();
using var music = generator
    .WithPrompt("adventurous exploration 100 bpm in D major")
    .WithBars(8)
    .AsLoop()
    .WithSeed(2024)
    .CreateStream();

Console.WriteLine($"Music: {music.Parameters}");
foreach (var warning in music.Parameters.Warnings)
{
    Console.WriteLine($"Prompt warning: {warning}");
}
Console.WriteLine($"States: {string.Join(", ", AdaptiveMusicStream.StateNames)}; writing {output}");
Console.WriteLine();

// What happens in the game, at which second, and what the game asks of the music.
var script = new (double At, string What, Action<AdaptiveMusicStream> Do)[]
{
    (0.0, "hero wanders the forest", m => m.SetIntensity(0.3f)),
    (6.0, "footsteps in the distance", m => m.SetIntensity(0.6f, MusicBoundary.NextBar)),
    (11.0, "an enemy is spotted!", m => m.PlayStinger(StingerKind.Danger, MusicBoundary.NextBeat)),
    (12.0, "battle starts", m =>
    {
        m.SetState("combat", MusicBoundary.NextBar);
        m.SetIntensity(1f, MusicBoundary.NextBar);
    }),
    (20.0, "the boss enrages", m => m.SetTempo(m.Parameters.TempoBpm * 1.15, MusicBoundary.NextBar)),
    (27.0, "the boss falls", m =>
    {
        m.PlayStinger(StingerKind.Triumph, MusicBoundary.NextBar);
        m.SetState("victory", MusicBoundary.NextBar);
        m.SetTempo(m.Parameters.TempoBpm, MusicBoundary.NextBar);
    }),
    (35.0, "back to exploring", m =>
    {
        m.SetState("explore", MusicBoundary.NextSection);
        m.SetIntensity(0.4f, MusicBoundary.NextSection);
    }),
};

await using var wav = AudioWriter.Create(output, music.SampleRate, AdaptiveMusicStream.ChannelCount, WavSampleFormat.Pcm16);
var block = new float[BlockFrames * AdaptiveMusicStream.ChannelCount];
var next = 0;
var totalFrames = (long)(GameSeconds * music.SampleRate);
while (music.Position < totalFrames)
{
    // Game update: the simulated clock is the audio position (a real game would use its own clock; the setters are
    // safe to call from the game thread while the audio thread reads).
    var now = (double)music.Position / music.SampleRate;
    while (next < script.Length && script[next].At <= now)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{now,7:0.00} s  GAME   {script[next].What}"));
        script[next].Do(music);
        next++;
    }

    // Audio callback: pull one block (no allocation, no lock), hand it to the "sound card".
    var samples = music.Read(block);
    wav.Write(block.AsSpan(0, samples));

    // Gameplay sync: drain the music's events (queued by Read, read here on the game thread).
    while (music.TryReadEvent(out var e))
    {
        if (e.Kind == MusicEventKind.Beat && e.Bar >= 2)
        {
            continue; // beats are shown for the first two bars only; a game would pulse its UI on every one
        }

        var seconds = (double)e.Frame / music.SampleRate;
        var detail = e.Kind switch
        {
            MusicEventKind.Beat => $"  beat {e.Beat + 1}",
            MusicEventKind.Bar => $"bar {e.Bar}",
            MusicEventKind.SectionChanged => $"section '{e.Section}' starts",
            MusicEventKind.StateChanged => $"state -> {e.State}",
            MusicEventKind.StingerPlayed => $"stinger {e.Stinger} (beat {e.Beat + 1} of bar {e.Bar})",
            MusicEventKind.TempoChanged => string.Create(CultureInfo.InvariantCulture, $"tempo -> {e.Value:0.#} BPM"),
            MusicEventKind.IntensityChanged => string.Create(CultureInfo.InvariantCulture, $"intensity -> {e.Value:0.##}"),
            _ => e.Kind.ToString(),
        };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{seconds,7:0.00} s  MUSIC  {detail}  [{e.State}]"));
    }
}

await wav.CompleteAsync();
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {GameSeconds:0} s of adaptive music to {Path.GetFullPath(output)}."));
