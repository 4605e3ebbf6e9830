using System.Text.Json;

namespace MusicAI.Sdk.PackageTests;

/// <summary><c>musicai doctor</c> run as users run it: the built tool, as a process, with its exit code.</summary>
public sealed class DoctorCommandTests
{
    [Fact]
    public async Task DoctorJson_ReportsCpuWithReasons_AndAPassingSelfTest()
    {
        var run = await RunDoctorAsync("--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput);
        var root = json.RootElement;
        Assert.Equal(Build.OrtVersion, root.GetProperty("onnxruntime_version").GetString());
        Assert.StartsWith(root.GetProperty("sdk_version").GetString()!, Build.PackageVersion, StringComparison.Ordinal);
        var providers = root.GetProperty("providers");
        Assert.Equal("Cpu", providers.GetProperty("selected").GetString());
        Assert.Contains("CPUExecutionProvider", providers.GetProperty("available").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("install MusicAI.Sdk.Runtime.Cuda", providers.GetProperty("not_used").GetProperty("Cuda").GetString(), StringComparison.Ordinal);
        Assert.True(providers.GetProperty("not_used").TryGetProperty("DirectML", out _));
        Assert.True(root.GetProperty("simd").GetProperty("vector_float_count").GetInt32() >= 1);
        var selfTest = root.GetProperty("self_test");
        Assert.True(selfTest.GetProperty("ok").GetBoolean());
        Assert.Equal("Cpu", selfTest.GetProperty("provider").GetString());
        Assert.True(selfTest.GetProperty("elapsed_ms").GetDouble() > 0);
    }

    [Fact]
    public async Task DoctorText_ShowsWhyEachGpuProviderIsNotUsed()
    {
        var run = await RunDoctorAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"(?m)^  selected +Cpu \(device 0\)$", run.Output);
        Assert.Matches(@"(?m)^  Cuda +not used: not in this runtime package: install MusicAI\.Sdk\.Runtime\.Cuda ", run.Output);
        Assert.Matches(@"(?m)^  DirectML +not used: \S", run.Output);
        Assert.Matches(@"(?m)^Self-test +ok: Cpu, [0-9.]+ ms, max abs error 0$", run.Output);
    }

    [Fact]
    public async Task DoctorRequireAccelerator_WithoutAGpuPackage_ExitsThree_AndNamesThePackage()
    {
        var run = await RunDoctorAsync("--json", "--require-accelerator");

        Assert.True(run.ExitCode == 3, run.ToString());
        // stdout holds the JSON, stderr the error line; read apart, because the two streams interleave in any order.
        using var document = JsonDocument.Parse(run.StandardOutput);
        var selfTest = document.RootElement.GetProperty("self_test");
        Assert.False(selfTest.GetProperty("ok").GetBoolean());
        Assert.Contains("MusicAI.Sdk.Runtime.Cuda", selfTest.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("providers").GetProperty("selected").ValueKind);
        Assert.Contains("error: No accelerator can be used", run.Output, StringComparison.Ordinal);
    }

    private static async Task<DotNet.Result> RunDoctorAsync(params string[] arguments)
    {
        if (DotNet.Path is null)
        {
            Assert.Skip("The dotnet CLI was not found on PATH, DOTNET_HOST_PATH or DOTNET_ROOT.");
        }

        Assert.True(File.Exists(Build.MusicAICli), $"The musicai tool was not built at {Build.MusicAICli}.");
        return await DotNet.RunAsync(
            Path.GetDirectoryName(Build.MusicAICli)!,
            [Build.MusicAICli, "doctor", .. arguments],
            isolateNuGet: false,
            TestContext.Current.CancellationToken);
    }
}
