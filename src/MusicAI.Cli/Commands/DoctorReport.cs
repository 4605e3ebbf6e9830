using System.Globalization;
using System.Text;
using System.Text.Json;
using MusicAI.Cli.Infrastructure;
using MusicAI.Sdk.Models;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Cli.Commands;

/// <summary>Renders what <c>musicai doctor</c> found, as text for people or JSON for scripts.</summary>
internal sealed class DoctorReport(
    RuntimeDescription description,
    SelfTestResult? selfTest,
    string? selfTestError,
    string modelCache,
    IReadOnlyList<ModelVerification> models)
{
    /// <summary>Formats the report as aligned text lines.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        Line(text, "MusicAI.Sdk", description.SdkVersion);
        Line(text, "ONNX Runtime", description.OnnxRuntimeVersion ?? "not loaded");
        Line(text, ".NET", description.DotNetVersion);
        Line(text, "OS", $"{description.OperatingSystem} ({description.ProcessArchitecture}), {description.ProcessorCount} logical processors");
        Line(text, "SIMD", $"Vector<float> = {description.VectorFloatCount} lanes; {(description.InstructionSets.Count == 0 ? "no SIMD instruction sets" : string.Join(", ", description.InstructionSets))}");
        text.AppendLine();
        text.AppendLine("Execution providers");
        Line(text, "  available", description.AvailableProviders.Count == 0 ? "(none)" : string.Join(", ", description.AvailableProviders));
        Line(text, "  requested", string.Join(" > ", description.RequestedProviders) + (description.RequireAccelerator ? " (accelerator required)" : ""));
        Line(text, "  selected", description.SelectedProvider is { } selected ? $"{selected} (device {description.DeviceId})" : "none");
        foreach (var (provider, reason) in NotUsed())
        {
            Line(text, "  " + provider, "not used: " + reason);
        }

        if (description.SelectionError is { } selectionError)
        {
            Line(text, "  problem", selectionError);
        }

        Line(text, "Threads", $"intra-op {Threads(description.IntraOpThreads)}, inter-op {Threads(description.InterOpThreads)}");
        text.AppendLine();
        Line(text, "Self-test", selfTest switch
        {
            { Passed: true } => string.Create(CultureInfo.InvariantCulture, $"ok: {selfTest.Provider}, {selfTest.Elapsed.TotalMilliseconds:F1} ms, max abs error {selfTest.MaxAbsoluteError:G3}"),
            { } failed => string.Create(CultureInfo.InvariantCulture, $"FAILED: {failed.Provider}, {failed.Elapsed.TotalMilliseconds:F1} ms, max abs error {failed.MaxAbsoluteError:G3}"),
            null when selfTestError == description.SelectionError => "not run: no execution provider can be used (see 'problem' above)",
            null => "FAILED: " + selfTestError,
        });
        text.AppendLine();
        text.AppendLine("Model cache");
        Line(text, "  folder", modelCache);
        var width = models.Count == 0 ? 0 : models.Max(m => m.Manifest.Id.Length) + 2;
        foreach (var model in models)
        {
            text.Append(("  " + model.Manifest.Id).PadRight(width)).Append(' ').AppendLine(ModelsOutput.State(model));
        }

        return text.ToString();
    }

    /// <summary>Formats the report as indented JSON (snake_case names, times in milliseconds).</summary>
    public string ToJson()
    {
        return CliJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("sdk_version", description.SdkVersion);
            json.WriteString("onnxruntime_version", description.OnnxRuntimeVersion);
            json.WriteString("dotnet_version", description.DotNetVersion);
            json.WriteString("os", description.OperatingSystem);
            json.WriteString("architecture", description.ProcessArchitecture.ToString());
            json.WriteNumber("processor_count", description.ProcessorCount);

            json.WriteStartObject("simd");
            json.WriteNumber("vector_float_count", description.VectorFloatCount);
            WriteStrings(json, "instruction_sets", description.InstructionSets);
            json.WriteEndObject();

            json.WriteStartObject("providers");
            WriteStrings(json, "available", description.AvailableProviders);
            WriteStrings(json, "requested", description.RequestedProviders.Select(p => p.ToString()));
            json.WriteString("selected", description.SelectedProvider?.ToString());
            json.WriteNumber("device_id", description.DeviceId);
            json.WriteBoolean("require_accelerator", description.RequireAccelerator);
            json.WriteStartObject("not_used");
            foreach (var (provider, reason) in NotUsed())
            {
                json.WriteString(provider.ToString(), reason);
            }

            json.WriteEndObject();
            json.WriteString("error", description.SelectionError);
            json.WriteEndObject();

            json.WriteStartObject("threads");
            json.WriteNumber("intra_op", description.IntraOpThreads);
            json.WriteNumber("inter_op", description.InterOpThreads);
            json.WriteEndObject();

            json.WriteStartObject("self_test");
            json.WriteBoolean("ok", selfTest is { Passed: true });
            json.WriteString("provider", selfTest?.Provider.ToString());
            if (selfTest is null)
            {
                json.WriteNull("elapsed_ms");
                json.WriteNull("max_abs_error");
            }
            else
            {
                json.WriteNumber("elapsed_ms", Math.Round(selfTest.Elapsed.TotalMilliseconds, 3));
                json.WriteNumber("max_abs_error", selfTest.MaxAbsoluteError);
            }

            json.WriteString("error", selfTestError);
            json.WriteEndObject();

            json.WriteStartObject("model_cache");
            json.WriteString("folder", modelCache);
            json.WriteStartObject("models");
            foreach (var model in models)
            {
                json.WriteString(model.Manifest.Id, ModelsOutput.State(model));
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    /// <summary>The providers not used, requested ones first in preference order, then the others.</summary>
    private IEnumerable<KeyValuePair<ExecutionProvider, string>> NotUsed()
    {
        var order = description.RequestedProviders.Concat(Enum.GetValues<ExecutionProvider>()).Distinct();
        foreach (var provider in order)
        {
            if (description.SkippedProviders.TryGetValue(provider, out var reason))
            {
                yield return new(provider, reason);
            }
        }
    }

    private static void Line(StringBuilder text, string label, string value) =>
        text.Append(label.PadRight(16)).Append(' ').AppendLine(value);

    private static string Threads(int count) =>
        count == 0 ? "runtime default" : count.ToString(CultureInfo.InvariantCulture);

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
