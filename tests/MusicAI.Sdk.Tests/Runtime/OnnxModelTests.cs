using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk.Tests.Runtime;

public sealed class OnnxModelTests : IDisposable
{
    private readonly OnnxSessionFactory _factory = OnnxFixtures.CpuFactory();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(17)]
    public void Affine_WithAPooledInput_MatchesTheFormula(int batch)
    {
        var model = _factory.GetModel(OnnxFixtures.Path("affine.onnx"));
        using var inputs = new ModelInputs();
        var x = inputs.AddPooled<float>("x", [batch, 4]);
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (i % 9) - 4.5f;
        }

        var expected = OnnxFixtures.Affine(x, 4, 3);
        using var outputs = model.Run(inputs, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([batch, 3L], outputs.GetShape(0));
        var y = outputs.GetSpan<float>("y");
        Assert.Equal(expected.Length, y.Length);
        for (var i = 0; i < y.Length; i++)
        {
            Assert.Equal(expected[i], y[i], 1e-5f);
        }
    }

    [Fact]
    public void Inputs_CreatedOnce_AreRefilledBetweenRuns()
    {
        var model = _factory.GetModel(OnnxFixtures.Path("affine.onnx"));
        using var inputs = new ModelInputs();
        inputs.AddPooled<float>("x", [1, 4]).Fill(1f);

        using (var first = model.Run(inputs, cancellationToken: TestContext.Current.CancellationToken))
        {
            Assert.Equal(OnnxFixtures.Affine([1, 1, 1, 1], 4, 3), first.GetSpan<float>(0).ToArray());
        }

        float[] next = [0.5f, -2, 3, 0.25f];
        next.CopyTo(inputs.GetBuffer<float>("x"));
        using var second = model.Run(inputs, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(OnnxFixtures.Affine(next, 4, 3), second.GetSpan<float>(0).ToArray());
    }

    [Fact]
    public void TypedInputsAndSelectedOutputs_AreReturnedInTheRequestedOrder()
    {
        var model = _factory.GetModel(OnnxFixtures.Path("multi_io.onnx"));
        float[] audio = [1, 2, 3, -1, -2, -3, 0.5f, 0.5f, 0.5f, 0, 0, 0];
        long[] lengths = [3, 7];
        using var inputs = new ModelInputs();
        inputs.Add<float>("audio", audio, [2, 2, 3]);
        inputs.Add<float>("gain", new float[] { 2f }, [1]);
        inputs.Add<long>("lengths", lengths, [2]);

        using var outputs = model.Run(inputs, ["lengths_doubled", "energy"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["lengths_doubled", "energy"], outputs.Names);
        Assert.Equal([6L, 14L], outputs.GetSpan<long>(0).ToArray());
        Assert.Equal([28f, 0.75f], outputs.GetSpan<float>("energy").ToArray());
        var copy = new float[2];
        outputs.CopyTo(1, copy.AsSpan());
        Assert.Equal([28f, 0.75f], copy);
        Assert.Throws<ArgumentException>(() => outputs.CopyTo(1, new float[1].AsSpan()));
        Assert.Throws<ArgumentException>(() => outputs.IndexOf("scaled"));
    }

    [Fact]
    public void LargeInputsOverPooledMemory_AllocateNoManagedArrayPerRun()
    {
        var model = _factory.GetModel(OnnxFixtures.Path("multi_io.onnx"));
        const int samples = 250_000;
        using var inputs = new ModelInputs();
        inputs.AddPooled<float>("audio", [1, 2, samples]).Fill(0.5f);
        inputs.AddPooled<float>("gain", [1])[0] = 1f;
        inputs.AddPooled<long>("lengths", [1])[0] = samples;
        string[] energyOnly = ["energy"];
        using (model.Run(inputs, energyOnly, cancellationToken: TestContext.Current.CancellationToken))
        {
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 3; i++)
        {
            using var outputs = model.Run(inputs, energyOnly, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(2 * samples * 0.25f, outputs.GetSpan<float>(0)[0], 1f);
        }

        var perRun = (GC.GetAllocatedBytesForCurrentThread() - before) / 3;

        // The input is 2 MB; a run allocates only small wrapper objects (RunOptions, the result list).
        Assert.True(perRun < 16 * 1024, $"{perRun} bytes allocated per run");
    }

    [Fact]
    public void Inputs_RejectWrongLengthsDuplicateNamesAndNegativeDimensions()
    {
        using var inputs = new ModelInputs();
        Assert.Throws<ArgumentException>(() => inputs.Add<float>("x", new float[3], [1, 4]));
        inputs.Add<float>("x", new float[4], [1, 4]);
        Assert.Throws<ArgumentException>(() => inputs.Add<float>("x", new float[4], [1, 4]));
        Assert.Throws<ArgumentException>(() => inputs.AddPooled<float>("y", [-1, 4]));
        Assert.Throws<ArgumentException>(() => inputs.GetBuffer<float>("z"));
        Assert.Equal(["x"], inputs.Names);
    }

    [Fact]
    public void RuntimeFailure_IsWrappedInInferenceException_WithModelAndChunk()
    {
        var model = _factory.GetModel(OnnxFixtures.Path("affine.onnx"), "affine-id");
        using var inputs = new ModelInputs();
        inputs.Add<float>("not_x", new float[4], [1, 4]);

        var ex = Assert.Throws<InferenceException>(() => model.Run(inputs, chunkIndex: 5, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("affine-id", ex.ModelId);
        Assert.Equal(5, ex.ChunkIndex);
        Assert.IsType<OnnxRuntimeException>(ex.InnerException);
        Assert.StartsWith("Running model 'affine-id' on chunk 5 failed:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'x' float32 [batch, 4]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongShape_IsAnInferenceException_NotACancellation()
    {
        var model = _factory.GetModel(OnnxFixtures.Path("affine.onnx"));
        using var inputs = new ModelInputs();
        inputs.Add<float>("x", new float[5], [1, 5]);

        Assert.Throws<InferenceException>(() => model.Run(inputs, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public void AlreadyCancelledToken_ThrowsWithoutRunning()
    {
        var model = _factory.GetModel(OnnxFixtures.Path("affine.onnx"));
        using var inputs = new ModelInputs();
        inputs.Add<float>("x", new float[4], [1, 4]);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var ex = Assert.ThrowsAny<OperationCanceledException>(() => model.Run(inputs, cancellationToken: cts.Token));
        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    [Fact]
    public void Cancellation_TerminatesALongRun_WellBeforeItWouldFinish()
    {
        var model = _factory.GetModel(OnnxFixtures.Path("slow_loop.onnx"));
        using var inputs = new ModelInputs();
        inputs.AddPooled<float>("x", [1, 64]).Fill(0.1f);
        var iterations = inputs.AddPooled<long>("iterations", []);

        // Calibrate: how long do 100,000 loop iterations take on this machine right now?
        iterations[0] = 100_000;
        var calibration = Stopwatch.StartNew();
        using (model.Run(inputs, cancellationToken: TestContext.Current.CancellationToken))
        {
        }

        var perIteration = calibration.Elapsed.TotalSeconds / 100_000;

        // Enough iterations for at least 60 s uncancelled; cancel after 200 ms.
        inputs.GetBuffer<long>("iterations")[0] = (long)Math.Min(60 / Math.Max(perIteration, 1e-9), 5e9);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var run = Stopwatch.StartNew();

        var ex = Assert.ThrowsAny<OperationCanceledException>(() => model.Run(inputs, cancellationToken: cts.Token));

        run.Stop();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{perIteration * 1e6:F2} µs per loop iteration; a run of {inputs.GetBuffer<long>("iterations")[0]:N0} iterations (≈ 60 s) was cancelled after {run.Elapsed.TotalMilliseconds:F0} ms (token fired at 200 ms)");
        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.IsType<OnnxRuntimeException>(ex.InnerException);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(10), $"cancellation took {run.Elapsed.TotalSeconds:F2} s; the run would take ≥ 60 s");
        Assert.True(run.Elapsed >= TimeSpan.FromMilliseconds(150), $"the run ended after {run.Elapsed.TotalMilliseconds:F0} ms, before the token fired");

        // The session is still usable after a terminated run.
        inputs.GetBuffer<long>("iterations")[0] = 3;
        using var after = model.Run(inputs, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(64, after.GetSpan<float>(0).Length);
    }
}
