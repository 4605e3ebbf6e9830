using System.IO.Compression;
using System.Text.Json;
using MusicAI.Sdk.Captioning.Neural;
using MusicAI.Sdk.Tests.Dsp;

namespace MusicAI.Sdk.Tests.Captioning.Neural;

/// <summary>
/// The basic-pitch golden fixtures: upstream's reference outputs in <c>../shared/models/fixtures/basic-pitch</c> (read
/// in place, never copied) and the files <c>tests/TestAssets/generate/capnn_basic_pitch.py</c> derives from them.
/// </summary>
internal static class BasicPitchFixtures
{
    /// <summary>The real model, or null (with the reason) when the shared models folder is absent.</summary>
    public static string? ModelPath => TestAssets.SharedModels is { } shared ? Path.Combine(shared, "basic-pitch_nmp.onnx") : null;

    /// <summary>The upstream fixtures folder, or null when absent.</summary>
    public static string? SharedFixtures =>
        TestAssets.SharedModels is { } shared && Directory.Exists(Path.Combine(shared, "fixtures", "basic-pitch"))
            ? Path.Combine(shared, "fixtures", "basic-pitch")
            : null;

    /// <summary>Returns the real model's path, or skips the test when the shared models folder is absent.</summary>
    public static string RequireModel()
    {
        var path = ModelPath;
        if (path is null || !File.Exists(path))
        {
            Assert.Skip(SkipReason);
        }

        return path;
    }

    /// <summary>Returns the shared fixtures folder, or skips the test when it is absent.</summary>
    public static string RequireFixtures()
    {
        var path = SharedFixtures;
        if (path is null)
        {
            Assert.Skip(SkipReason);
        }

        return path;
    }

    public const string SkipReason = "The shared models folder (../shared/models with basic-pitch_nmp.onnx and fixtures/basic-pitch) is not present beside the repository.";

    /// <summary>Reads the upstream reference activations (<c>model_output_plain.npz</c>: note, onset, contour).</summary>
    public static BasicPitchActivations ReadReferenceActivations(string fixtures)
    {
        using var archive = ZipFile.OpenRead(Path.Combine(fixtures, "model_output_plain.npz"));
        var note = ReadMember(archive, "note.npy", BasicPitch.PitchCount);
        var onset = ReadMember(archive, "onset.npy", BasicPitch.PitchCount);
        var contour = ReadMember(archive, "contour.npy", BasicPitch.ContourBins);
        return new BasicPitchActivations(note, onset, contour);
    }

    /// <summary>The 28 upstream note events (from <c>note_events.npz</c>, unpickled into JSON by the generator), in upstream order.</summary>
    public static IReadOnlyList<ReferenceNote> ReadReferenceNotes()
    {
        using var stream = File.OpenRead(TestAssets.Path("captioning-neural", "basic-pitch", "note_events.json"));
        using var document = JsonDocument.Parse(stream);
        return [.. document.RootElement.EnumerateArray().Select(e => new ReferenceNote(
            e.GetProperty("start_s").GetDouble(),
            e.GetProperty("end_s").GetDouble(),
            e.GetProperty("pitch_midi").GetInt32(),
            e.GetProperty("amplitude").GetDouble()))];
    }

    /// <summary>The vocadito clip resampled to 22,050 Hz with libsoxr HQ, as librosa.load gave the reference.</summary>
    public static float[] ReadSoxrInput() => NpyFile.Read(TestAssets.Path("captioning-neural", "basic-pitch", "vocadito_10_22050.npy")).Data;

    private static float[] ReadMember(ZipArchive archive, string name, int columns)
    {
        var entry = archive.GetEntry(name) ?? throw new InvalidDataException($"model_output_plain.npz has no member {name}.");
        var temp = Path.GetTempFileName();
        try
        {
            entry.ExtractToFile(temp, overwrite: true);
            var (data, shape) = NpyFile.Read(temp);
            Assert.Equal(2, shape.Length);
            Assert.Equal(columns, shape[1]);
            return data;
        }
        finally
        {
            File.Delete(temp);
        }
    }
}

/// <summary>One upstream note event: seconds, MIDI pitch, mean activation.</summary>
internal sealed record ReferenceNote(double Start, double End, int Pitch, double Amplitude);
