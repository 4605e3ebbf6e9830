using Microsoft.Extensions.Logging.Abstractions;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk.Tests.Runtime;

/// <summary>
/// The tiny graphs in <c>tests/TestAssets/onnx</c> (made by <c>tests/TestAssets/generate/onnx_fixtures.py</c>) and the
/// closed formulas their weights follow, so expected outputs are computed here rather than stored.
/// </summary>
internal static class OnnxFixtures
{
    /// <summary>The contract <c>affine.onnx</c> satisfies: 'x' float32 [batch, 4] → 'y' float32 [batch, 3].</summary>
    public static ModelContract AffineContract { get; } =
        ModelContract.Parse("affine test", ["x float32 [batch, 4]"], ["y float32 [batch, 3]"]);

    public static string Path(string name) => TestAssets.Path("onnx", name);

    /// <summary>W[k, j] of a [rows, cols] matrix, as in the generator.</summary>
    public static float Weight(int k, int j, int cols) => (((k * cols) + j) % 5 - 2) / 8f;

    /// <summary>b[j], as in the generator.</summary>
    public static float Bias(int j) => (j % 3 - 1) / 4f;

    /// <summary>x · W + b for x [batch, rows] row-major, computed in double.</summary>
    public static float[] Affine(ReadOnlySpan<float> x, int rows, int cols)
    {
        var batch = x.Length / rows;
        var y = new float[batch * cols];
        for (var i = 0; i < batch; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                double sum = Bias(j);
                for (var k = 0; k < rows; k++)
                {
                    sum += (double)x[(i * rows) + k] * Weight(k, j, cols);
                }

                y[(i * cols) + j] = (float)sum;
            }
        }

        return y;
    }

    /// <summary>A CPU-only session factory with a private copy of <paramref name="configure"/>d options.</summary>
    public static OnnxSessionFactory CpuFactory(Action<MusicAIOptions>? configure = null)
    {
        var options = new MusicAIOptions { ExecutionProviders = [ExecutionProvider.Cpu] };
        configure?.Invoke(options);
        options.ThrowIfInvalid();
        return new OnnxSessionFactory(options, NullLogger.Instance);
    }
}
