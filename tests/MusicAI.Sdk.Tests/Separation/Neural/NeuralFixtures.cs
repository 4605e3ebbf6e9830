using System.Text.Json;
using MusicAI.Sdk.Runtime;
using MusicAI.Sdk.Tests.Dsp;

namespace MusicAI.Sdk.Tests.Separation.Neural;

/// <summary>
/// The tiny models and reference outputs in tests/TestAssets/separation-neural, written by
/// tests/TestAssets/generate/sepnn_models.py and sepnn_reference.py.
/// </summary>
internal static class NeuralFixtures
{
    /// <summary>Largest difference allowed between our pipeline and the Python reference (the bar).</summary>
    public const float Tolerance = 1e-4f;

    private static readonly Lazy<JsonDocument> s_index = new(() =>
        JsonDocument.Parse(File.ReadAllText(TestAssets.Path("separation-neural", "index.json"))));

    public static string Path(string name) => TestAssets.Path("separation-neural", name);

    public static JsonElement Index => s_index.Value.RootElement;

    public static JsonElement Case(string name) =>
        Index.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static IEnumerable<string> CaseNames(string engine) =>
        Index.GetProperty("cases").EnumerateArray()
            .Where(c => c.GetProperty("engine").GetString() == engine)
            .Select(c => c.GetProperty("name").GetString()!);

    /// <summary>Every stride-th expected sample: [stem][channel][k].</summary>
    public static float[][][] Strided(string name)
    {
        var (data, shape) = NpyFile.Read(Path(name + ".strided.npy"));
        return Split(data, shape);
    }

    /// <summary>Expected (mean, rms) per block: [stem][channel][block·2 + {0, 1}].</summary>
    public static float[][][] Blocks(string name)
    {
        var (data, shape) = NpyFile.Read(Path(name + ".blocks.npy"));
        return Split(data, [shape[0], shape[1], shape[2] * shape[3]]);
    }

    /// <summary>A CPU session factory for the tiny models.</summary>
    public static OnnxSessionFactory CpuFactory() => Runtime.OnnxFixtures.CpuFactory();

    private static float[][][] Split(float[] data, int[] shape)
    {
        var result = new float[shape[0]][][];
        var length = shape[2];
        for (var s = 0; s < shape[0]; s++)
        {
            result[s] = new float[shape[1]][];
            for (var c = 0; c < shape[1]; c++)
            {
                result[s][c] = data.AsSpan(((s * shape[1]) + c) * length, length).ToArray();
            }
        }

        return result;
    }
}
