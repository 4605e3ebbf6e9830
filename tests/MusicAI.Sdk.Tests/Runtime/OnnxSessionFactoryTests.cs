using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk.Tests.Runtime;

/// <summary>The real path on the CPU runtime package this test project references.</summary>
public sealed class OnnxSessionFactoryTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("musicai-runtime-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Selection_OnTheCpuPackage_IsCpu_WithReasonsForCudaAndDirectML()
    {
        using var factory = new OnnxSessionFactory(new MusicAIOptions(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var selection = factory.Selection;

        Assert.Equal(ExecutionProvider.Cpu, selection.Selected);
        Assert.Equal(OrtEnv.Instance().GetAvailableProviders(), selection.Available);
        Assert.Equal([ExecutionProvider.Cuda, ExecutionProvider.DirectML, ExecutionProvider.Cpu], selection.Requested);
        var cuda = Assert.Single(selection.Skipped, s => s.Provider == ExecutionProvider.Cuda);
        Assert.Equal(ProviderSkipKind.NotInRuntimePackage, cuda.Kind);
        Assert.Contains("install MusicAI.Sdk.Runtime.Cuda", cuda.Reason, StringComparison.Ordinal);
        Assert.Single(selection.Skipped, s => s.Provider == ExecutionProvider.DirectML);
    }

    [Fact]
    public void Selection_IsLoggedOnce_WithEveryFallbackReason()
    {
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        using var factory = new OnnxSessionFactory(new MusicAIOptions(), loggerFactory.CreateLogger("test"));

        _ = factory.Selection;
        _ = factory.Selection;
        factory.GetModel(OnnxFixtures.Path("affine.onnx"));

        var selected = Assert.Single(logs.Entries, e => e.EventId.Id == 1000);
        Assert.Equal(LogLevel.Information, selected.Level);
        Assert.StartsWith($"ONNX Runtime {OrtEnv.Instance().GetVersionString()}: running models on Cpu (device 0)", selected.Message, StringComparison.Ordinal);
        var skipped = logs.Entries.Where(e => e.EventId.Id == 1002).Select(e => e.Message).ToList();
        Assert.Contains(skipped, m => m.StartsWith("Execution provider Cuda not used: not in this runtime package: install MusicAI.Sdk.Runtime.Cuda", StringComparison.Ordinal));
        Assert.Contains(skipped, m => m.StartsWith("Execution provider DirectML not used: ", StringComparison.Ordinal));
        Assert.Single(logs.Entries, e => e.EventId.Id == 1010 && e.Message.Contains("affine.onnx", StringComparison.Ordinal));
    }

    [Fact]
    public void RequireAccelerator_OnTheCpuPackage_ThrowsNamingTheCudaPackage()
    {
        using var factory = new OnnxSessionFactory(
            new MusicAIOptions { RequireAccelerator = true },
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var ex = Assert.Throws<ExecutionProviderUnavailableException>(() => factory.GetModel(OnnxFixtures.Path("affine.onnx")));

        Assert.Contains("MusicAI.Sdk.Runtime.Cuda", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RequireAccelerator", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, factory.LoadedModelCount);
    }

    [Fact]
    public void GetModel_SharesOneSessionPerFile_WhateverThePathSpelling()
    {
        using var factory = OnnxFixtures.CpuFactory();
        var path = OnnxFixtures.Path("affine.onnx");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        var dotted = Path.Combine(Path.GetDirectoryName(path)!, ".", "affine.onnx");

        var first = factory.GetModel(path);

        Assert.Same(first, factory.GetModel(relative));
        Assert.Same(first, factory.GetModel(dotted));
        Assert.NotSame(first, factory.GetModel(OnnxFixtures.Path("multi_io.onnx")));
        Assert.Equal(2, factory.LoadedModelCount);
        Assert.Equal("affine", first.Id);
        Assert.Equal(path, first.Path);
        Assert.Equal(ExecutionProvider.Cpu, first.Provider);
    }

    [Fact]
    public async Task GetModel_FromManyThreadsAtOnce_CreatesOneSession()
    {
        using var factory = OnnxFixtures.CpuFactory();
        var path = OnnxFixtures.Path("multi_io.onnx");
        using var start = new ManualResetEventSlim();

        var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(
            () =>
            {
                start.Wait(TestContext.Current.CancellationToken);
                return factory.GetModel(path, "mixer");
            },
            TestContext.Current.CancellationToken)).ToArray();
        start.Set();
        var models = await Task.WhenAll(tasks);

        Assert.All(models, m => Assert.Same(models[0], m));
        Assert.Equal("mixer", models[0].Id);
        Assert.Equal(1, factory.LoadedModelCount);
    }

    [Fact]
    public void MissingFile_ThrowsModelNotFound_SayingWhatToDo()
    {
        using var factory = OnnxFixtures.CpuFactory();
        var path = Path.Combine(_temp, "nope.onnx");

        var ex = Assert.Throws<ModelNotFoundException>(() => factory.GetModel(path, "nope-model"));

        Assert.Equal(path, ex.ModelPath);
        Assert.Equal("nope-model", ex.ModelId);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Contains("musicai models pull", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, factory.LoadedModelCount);
    }

    [Fact]
    public void Folder_ThrowsModelNotFound_AskingForTheFile()
    {
        using var factory = OnnxFixtures.CpuFactory();

        var ex = Assert.Throws<ModelNotFoundException>(() => factory.GetModel(_temp));

        Assert.Contains("is a folder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomBytesNamedOnnx_ThrowsModelLoad_WrappingTheRuntimeError_AndIsNotCached()
    {
        using var factory = OnnxFixtures.CpuFactory();
        var path = Path.Combine(_temp, "random.onnx");
        var bytes = new byte[4096];
        new Random(1234).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        var ex = Assert.Throws<ModelLoadException>(() => factory.GetModel(path));

        Assert.IsType<OnnxRuntimeException>(ex.InnerException);
        Assert.Equal(path, ex.ModelPath);
        Assert.Contains($"ONNX Runtime could not load model '{path}' on Cpu", ex.Message, StringComparison.Ordinal);
        Assert.Contains("complete ONNX model", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, factory.LoadedModelCount);

        // A failed load is not cached: once the file is fixed, the same path loads.
        File.Copy(OnnxFixtures.Path("affine.onnx"), path, overwrite: true);
        Assert.Equal("random", factory.GetModel(path).Id);
    }

    [Fact]
    public void WavFileRenamedOnnx_ThrowsModelLoad()
    {
        using var factory = OnnxFixtures.CpuFactory();
        var path = Path.Combine(_temp, "song.onnx");
        File.WriteAllBytes(path, MinimalWav());

        var ex = Assert.Throws<ModelLoadException>(() => factory.GetModel(path));

        Assert.IsType<OnnxRuntimeException>(ex.InnerException);
        Assert.IsNotType<ModelContractException>(ex);
    }

    [Fact]
    public void ExternalData_LoadsFromBesideTheModel_AndComputesWithThoseWeights()
    {
        using var factory = OnnxFixtures.CpuFactory();
        var model = factory.GetModel(OnnxFixtures.Path("affine_external.onnx"));
        model.EnsureContract(OnnxFixtures.AffineContract);
        float[] x = [1, 2, 3, 4];
        using var inputs = new ModelInputs();
        inputs.Add<float>("x", x, [1, 4]);

        using var outputs = model.Run(inputs, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(OnnxFixtures.Affine(x, 4, 3), outputs.GetSpan<float>("y").ToArray());
    }

    [Fact]
    public void ExternalData_Missing_ThrowsModelLoadThatMentionsTheDataFile()
    {
        using var factory = OnnxFixtures.CpuFactory();
        var path = Path.Combine(_temp, "affine_external.onnx");
        File.Copy(OnnxFixtures.Path("affine_external.onnx"), path);

        var ex = Assert.Throws<ModelLoadException>(() => factory.GetModel(path));

        Assert.Contains("affine_external.onnx.data", ex.Message, StringComparison.Ordinal);
        Assert.IsType<OnnxRuntimeException>(ex.InnerException);
    }

    [Fact]
    public void BeatNet_RealModelWithExternalData_LoadsAndRuns()
    {
        if (TestAssets.SharedModels is not { } models)
        {
            Assert.Skip("The shared models folder (../shared/models) is not present beside the repository.");
            return;
        }

        using var factory = OnnxFixtures.CpuFactory();
        var model = factory.GetModel(Path.Combine(models, "beatnet", "BeatNet.onnx"), "beatnet");
        var input = model.Inputs[0];
        var shape = input.Dimensions.Select(d => d.IsFixed ? d.Size : 8).ToArray();
        using var inputs = new ModelInputs();
        inputs.AddPooled<float>(input.Name!, shape).Clear();

        using var outputs = model.Run(inputs, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(outputs.GetSpan<float>(0).Length > 0);
        Assert.All(outputs.GetSpan<float>(0).ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Dispose_ReleasesSharedModels_AndRefusesNewOnes()
    {
        var factory = OnnxFixtures.CpuFactory();
        var model = factory.GetModel(OnnxFixtures.Path("affine.onnx"));

        factory.Dispose();
        factory.Dispose();

        Assert.Equal(0, factory.LoadedModelCount);
        using var inputs = new ModelInputs();
        inputs.Add<float>("x", new float[4], [1, 4]);
        Assert.Throws<ObjectDisposedException>(() => model.Run(inputs, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Throws<ObjectDisposedException>(() => factory.GetModel(OnnxFixtures.Path("affine.onnx")));
    }

    [Fact]
    public void CreateModel_FromBytes_IsNotShared_AndBelongsToTheCaller()
    {
        using var factory = OnnxFixtures.CpuFactory();
        var bytes = File.ReadAllBytes(OnnxFixtures.Path("affine.onnx"));

        using var a = factory.CreateModel(bytes, "a");
        using var b = factory.CreateModel(bytes, "b");

        Assert.NotSame(a, b);
        Assert.Null(a.Path);
        Assert.Equal(0, factory.LoadedModelCount);
        Assert.Throws<ModelLoadException>(() => factory.CreateModel([1, 2, 3], "junk"));
    }

    private static byte[] MinimalWav()
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.ASCII);
        writer.Write("RIFF"u8);
        writer.Write(36 + 8);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(8000);
        writer.Write(16000);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(8);
        writer.Write(new byte[8]);
        writer.Flush();
        return stream.ToArray();
    }
}
