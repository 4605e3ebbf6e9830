using System.Text.Json;
using MusicAI.Sdk.Tests.Dsp;

namespace MusicAI.Sdk.Tests.Captioning.Neural;

/// <summary>The committed CLAP fixtures made by <c>tests/TestAssets/generate/capnn_clap.py</c>.</summary>
internal static class ClapFixtures
{
    /// <summary>The folder with the tiny towers and tokenizer files (a complete CLAP model folder).</summary>
    public static string Folder => TestAssets.Path("captioning-neural", "clap");

    public static float[] Clip => NpyFile.Read(TestAssets.Path("captioning-neural", "clap", "clip_48k.npy")).Data;

    public static (float[] Data, int[] Shape) Features(string name) => NpyFile.Read(TestAssets.Path("captioning-neural", "clap", name));

    public static JsonDocument Expected() => JsonDocument.Parse(File.ReadAllText(TestAssets.Path("captioning-neural", "clap", "expected.json")));

    public static float[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(v => (float)v.GetDouble())];

    /// <summary>Copies the model folder without one file, to test incomplete folders.</summary>
    public static void CopyWithout(string destination, string missing)
    {
        foreach (var name in new[] { "audio_model.onnx", "text_model.onnx", "vocab.json", "merges.txt" })
        {
            if (name != missing)
            {
                File.Copy(Path.Combine(Folder, name), Path.Combine(destination, name));
            }
        }
    }
}
