using System.CommandLine;
using MusicAI.Cli.Infrastructure;
using MusicAI.Sdk;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Cli.Commands;

/// <summary>
/// <c>musicai doctor [--json] [--require-accelerator] [--models-dir DIR]</c>: how models run on this machine, a self-test
/// inference, and the state of the model cache.
/// Exit 0 when the self-test passes, 3 when the runtime fails.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(CliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Print the report as JSON to stdout." };
        var requireAccelerator = new Option<bool>("--require-accelerator")
        {
            Description = "Fail (exit 3) when no GPU provider can be used, as MusicAIOptions.RequireAccelerator does.",
        };
        var modelsDir = new Option<string?>("--models-dir")
        {
            Description = "Model cache folder to report on (default: $MUSICAI_MODELS, else musicai/models under local application data).",
            HelpName = "DIR",
        };
        var command = new Command(
            "doctor",
            "Show how models run here: SDK and ONNX Runtime versions, execution providers (which one is used and why the others are not), threads, SIMD, and a self-test inference.");
        command.Options.Add(json);
        command.Options.Add(requireAccelerator);
        command.Options.Add(modelsDir);
        command.SetAction((parseResult, cancellationToken) => console.RunAsync(
            ct => RunAsync(console, parseResult.GetValue(json), parseResult.GetValue(requireAccelerator), parseResult.GetValue(modelsDir), ct),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, bool json, bool requireAccelerator, string? modelsDir, CancellationToken cancellationToken)
    {
        await using var client = MusicAIClient.Create(o =>
        {
            o.RequireAccelerator = requireAccelerator;
            o.ModelDirectory = modelsDir;
        });
        var description = client.Runtime.Describe();
        SelfTestResult? result = null;
        string? error = null;
        try
        {
            result = await Task.Run(() => client.Runtime.RunSelfTest(cancellationToken), cancellationToken);
        }
        catch (MusicAIException ex)
        {
            error = ex.Message;
        }

        var models = await client.Models.ListAsync(cancellationToken);
        var report = new DoctorReport(description, result, error, client.Models.RootDirectory, models);
        if (json)
        {
            await console.Out.WriteLineAsync(report.ToJson());
        }
        else
        {
            await console.Out.WriteAsync(report.ToText());
        }

        if (result is { Passed: true })
        {
            return ExitCodes.Ok;
        }

        await console.Error.WriteLineAsync(error is null
            ? $"error: the self-test ran on {result!.Provider} but its output was wrong (max abs error {result.MaxAbsoluteError:G3}); the ONNX Runtime installation is broken: reinstall the runtime package."
            : $"error: {error}");
        return ExitCodes.ModelError;
    }
}
