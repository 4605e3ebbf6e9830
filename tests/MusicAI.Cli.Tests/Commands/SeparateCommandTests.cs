using System.Diagnostics;
using System.Text.Json;
using MusicAI.Sdk.Audio;

namespace MusicAI.Cli.Tests.Commands;

/// <summary><c>musicai separate</c> run in-process.</summary>
public sealed class SeparateCommandTests
{
    private static string Clip => TestAssets.Path("separation", "clips", "clip1_pop", "mixture.ogg");

    [Fact]
    public async Task WritesTheStemFilesThatSumToTheMix()
    {
        var ct = TestContext.Current.CancellationToken;
        using var output = new TemporaryDirectory();

        var result = await CliRunner.RunAsync("separate", Clip, "-o", output.Path, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal("dsp", root.GetProperty("engine").GetString());
        Assert.Equal(22_050, root.GetProperty("sample_rate").GetInt32());
        Assert.Equal(2, root.GetProperty("channels").GetInt32());
        Assert.Equal(12.0, root.GetProperty("duration_seconds").GetDouble(), 0.01);
        Assert.True(root.GetProperty("peak_memory_mb").GetDouble() > 0);
        var stems = root.GetProperty("stems").EnumerateArray().Select(s => (s.GetProperty("stem").GetString(), s.GetProperty("path").GetString()!)).ToList();
        Assert.Equal(["vocals", "accompaniment"], stems.Select(s => s.Item1));
        using var mix = await AudioBuffer.LoadAsync(Clip, ct);
        using var vocals = await AudioBuffer.LoadAsync(stems[0].Item2, ct);
        using var accompaniment = await AudioBuffer.LoadAsync(Path.Combine(output.Path, "accompaniment.wav"), ct);
        Assert.Equal(mix.FrameCount, vocals.FrameCount);
        for (var c = 0; c < 2; c++)
        {
            for (var i = 0; i < mix.FrameCount; i += 3)
            {
                Assert.Equal(mix.GetChannel(c)[i], vocals.GetChannel(c)[i] + accompaniment.GetChannel(c)[i], 1e-4f);
            }
        }
    }

    [Fact]
    public async Task FourStemsAndATextSummary()
    {
        using var output = new TemporaryDirectory();

        var result = await CliRunner.RunAsync("separate", Clip, "-o", output.Path, "--stems", "drums,bass,other,vocals", "--overlap", "0.25");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("× real time", result.Out);
        Assert.Equal(["bass.wav", "drums.wav", "other.wav", "vocals.wav"], Directory.GetFiles(output.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task AModelPath_RunsTheNeuralEngine_AndAnOffContractModelIsAModelError()
    {
        using var output = new TemporaryDirectory();
        var model = TestAssets.Path("separation-neural", "htdemucs_tiny_a.onnx");

        var result = await CliRunner.RunAsync("separate", Clip, "-o", output.Path, "--model", model, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using (var json = JsonDocument.Parse(result.Out))
        {
            Assert.Equal(model, json.RootElement.GetProperty("engine").GetString());
        }

        Assert.Equal(["accompaniment.wav", "vocals.wav"], Directory.GetFiles(output.Path).Select(Path.GetFileName).Order());

        using var bad = new TemporaryDirectory();
        var wrong = TestAssets.Path("separation-neural", "three_inputs.onnx");
        var failure = await CliRunner.RunAsync("separate", Clip, "-o", bad.Path, "--model", wrong);

        Assert.NotEqual(0, failure.ExitCode);
        Assert.Contains("match no separator", failure.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(bad.Path));
    }

    [Theory]
    [InlineData(1, "--stems", "accompaniment,drums")]
    [InlineData(1, "--stems", "guitar")]
    [InlineData(1, "--stems", "vocals,vocals")]
    [InlineData(1, "--overlap", "1.5")]
    [InlineData(1, "--overlap", "-0.2")]
    [InlineData(3, "--model", "no-such-separator")]
    public async Task BadOptionsFailWithTheirExitCodeAndWriteNothing(int exitCode, string option, string value)
    {
        using var output = new TemporaryDirectory();
        var target = Path.Combine(output.Path, "stems");

        var result = await CliRunner.RunAsync("separate", Clip, "-o", target, option, value, "--models-dir", output.Path, "--json");

        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.StartsWith("error: ", result.Error);
        Assert.False(Directory.Exists(target) && Directory.EnumerateFiles(target).Any());
    }

    [Fact]
    public async Task AMissingInputIsAnInputError()
    {
        using var output = new TemporaryDirectory();
        var result = await CliRunner.RunAsync("separate", Path.Combine(output.Path, "nope.wav"), "-o", output.Path);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("does not exist", result.Error);
    }

    [Fact]
    public async Task CtrlCLeavesNoPartialFiles()
    {
        var ct = TestContext.Current.CancellationToken;
        using var work = new TemporaryDirectory();
        var input = await WriteNoiseAsync(work.Path, 150, ct);
        var target = Path.Combine(work.Path, "stems");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(TimeSpan.FromMilliseconds(800));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = await CliApplication.RunAsync(["separate", input, "-o", target, "--stems", "drums,bass,other,vocals"], stdout, stderr, cts.Token);

        Assert.True(exitCode == 130, $"exit {exitCode}: {stderr}");
        Assert.False(Directory.Exists(target), "the output folder the command created should be gone");
        Assert.Equal(["long.wav"], Directory.GetFiles(work.Path).Select(Path.GetFileName));
    }

    /// <summary>
    /// A real process and a real Ctrl+C (SIGINT): the separation is cancelled, the command cleans up and exits with 130,
    /// leaving no stem, temporary or spool file and removing the output folder it created.
    /// </summary>
    [Fact]
    public async Task CtrlCInARealProcessCleansUpBeforeExiting()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("Sends a POSIX signal; Linux only.");
        }

        if (SigIntIgnored())
        {
            Assert.Skip("This test process ignores SIGINT (started in the background without job control), so its children would too.");
        }

        var ct = TestContext.Current.CancellationToken;
        using var work = new TemporaryDirectory();
        var input = await WriteNoiseAsync(work.Path, 150, ct);
        var target = Path.Combine(work.Path, "stems");
        var apphost = Path.Combine(AppContext.BaseDirectory, "musicai");

        // As a terminal does it: a shell with job control runs the command and sends it SIGINT once it is writing stems.
        var script = $$"""
            set -m
            '{{apphost}}' separate '{{input}}' -o '{{target}}' --stems drums,bass,other,vocals 2>'{{work.Path}}/err.txt' &
            pid=$!
            for i in $(seq 1 3000); do
              if ls '{{target}}' 2>/dev/null | grep -q '\.wav\.tmp-'; then break; fi
              sleep 0.01
            done
            kill -INT $pid
            wait $pid
            """;
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);

        var error = await File.ReadAllTextAsync(Path.Combine(work.Path, "err.txt"), ct);
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}: {error} / {await output}");
        Assert.Contains("Cancelled.", error);
        Assert.False(Directory.Exists(target), $"left behind: {string.Join(", ", Directory.Exists(target) ? Directory.GetFileSystemEntries(target) : [])}");
    }

    private static async Task<string> WriteNoiseAsync(string directory, int seconds, CancellationToken cancellationToken)
    {
        var input = Path.Combine(directory, "long.wav");
        using var song = AudioBuffer.Create(2, 44_100 * seconds, 44_100);
        var random = new Random(1);
        for (var c = 0; c < 2; c++)
        {
            var samples = song.GetChannel(c);
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = (float)((random.NextDouble() * 0.2) - 0.1);
            }
        }

        await song.SaveWavAsync(input, cancellationToken);
        return input;
    }

    /// <summary>Reads this process's ignored-signal mask from /proc (bit 1 is SIGINT).</summary>
    private static bool SigIntIgnored()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0x2) != 0;
    }

}
