using System.Globalization;
using MusicAI.Sdk.Captioning;
using MusicAI.Sdk.Generation;

namespace MusicAI.Sdk.Tests.Generation;

/// <summary>
/// The figure quoted in docs/generation.md: tempo and key of the output audio as the <see cref="Captioner"/> detects
/// them, over every style, four keys and two seeds (64 songs of 16 bars). Explicit (not in the default run); after a Release build:
/// <c>tests/MusicAI.Sdk.Tests/bin/Release/net10.0/MusicAI.Sdk.Tests -class MusicAI.Sdk.Tests.Generation.GenerationAccuracyReport -explicit only -showLiveOutput</c>.
/// </summary>
public sealed class GenerationAccuracyReport
{
    [Fact(Explicit = true)]
    public async Task DetectedTempoAndKey_OverEveryStyle()
    {
        var generator = new SongGenerator();
        var captioner = new Captioner();
        var output = TestContext.Current.TestOutputHelper!;
        int keys = 0, tempi = 0, songs = 0;
        foreach (var style in Enum.GetValues<MusicStyle>())
        {
            int styleKeys = 0, styleTempi = 0, styleSongs = 0;
            foreach (var keyName in new[] { "E minor", "Bb major", "D major", "G minor" })
            {
                foreach (var seed in new long[] { 1, 2 })
                {
                    var bpm = style switch
                    {
                        MusicStyle.Ambient => 70,
                        MusicStyle.LoFi => 84,
                        MusicStyle.Rock => 120,
                        MusicStyle.Chiptune or MusicStyle.Combat => 140,
                        _ => 96,
                    };
                    using var song = await generator.WithStyle(style).WithTempo(bpm).WithKey(keyName).WithMeter(MusicMeter.FourFour)
                        .WithBars(16).WithSeed(seed).WithSampleRate(22_050).GenerateAsync(cancellationToken: TestContext.Current.CancellationToken);
                    var description = await captioner.AnalyzeAsync(song.Mix, cancellationToken: TestContext.Current.CancellationToken);
                    var tempo = description.Tempo.Bpm ?? 0;
                    var key = MusicKey.Parse(keyName);
                    var keyOk = MusicKey.TryParse(description.Key.Name, out var detected) && detected.Equals(key);
                    var tempoOk = Math.Abs(tempo - bpm) <= bpm * 0.02;
                    styleKeys += keyOk ? 1 : 0;
                    styleTempi += tempoOk ? 1 : 0;
                    styleSongs++;
                    if (!keyOk || !tempoOk)
                    {
                        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {style} {keyName} seed {seed}: detected {description.Key.Name ?? "no key"}, {tempo:0.0} BPM (asked {bpm})"));
                    }
                }
            }

            output.WriteLine($"{style,-12} key {styleKeys}/{styleSongs}  tempo (±2 %) {styleTempi}/{styleSongs}");
            keys += styleKeys;
            tempi += styleTempi;
            songs += styleSongs;
        }

        output.WriteLine($"all          key {keys}/{songs}  tempo (±2 %) {tempi}/{songs}");
        Assert.True(keys >= songs * 0.9);
        Assert.True(tempi >= songs * 0.75);
    }
}

