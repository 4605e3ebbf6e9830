using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.Logging.Abstractions;
using MusicAI.Sdk.Runtime;
using MusicAI.Sdk.Separation;
using MusicAI.Sdk.Separation.Neural;

namespace MusicAI.Sdk.Benchmarks.Separation;

/// <summary>
/// One MDX-Net chunk (5.75 s of 44.1 kHz stereo) on a real-size network: the TFC-TDF architecture of UVR's
/// Voc_FT-class models (16.7 M parameters, random weights; n_fft 7680, dim_f 3072, dim_t 256). Baseline: the bare
/// <c>session.Run</c> on a filled input. <c>Pipeline</c> is the engine's whole per-chunk path: read, STFT, packing,
/// the same run, iSTFT, window, overlap-add and the output block. The ratio is the pipeline's overhead (target &lt; 1.05).
/// </summary>
/// <remarks>
/// The model is large (66.7 MB) and not committed. Generate it once with
/// <c>/usr/bin/python3 tests/TestAssets/generate/sepnn_tfc_tdf.py --output artifacts/bench-models/mdx_tfc_tdf_random.onnx</c>
/// (or point <c>MUSICAI_BENCH_MDX_MODEL</c> at a copy).
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class MdxPipelineBenchmarks
{
    private OnnxSessionFactory _factory = null!;
    private MdxNetEngine _engine = null!;
    private MdxNetChunkProcessor.Scratch _bare = null!;
    private MdxNetSeparation _run = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var path = ModelPath();
        var options = new MusicAIOptions { ExecutionProviders = [ExecutionProvider.Cpu] };
        _factory = new OnnxSessionFactory(options, NullLogger.Instance);
        _engine = (MdxNetEngine)NeuralSeparationEngines.Create(path, _factory);
        _bare = _engine.Processor.CreateScratch();
        using (var chunk = Audio.AudioBuffer.Create(2, _engine.Parameters.ChunkLength, 44_100))
        {
            new MdxBenchmark.SyntheticSource(chunk.FrameCount).Read(0, chunk);
            _engine.Processor.Analyze(chunk, _bare);
        }

        StartRun();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _run.Dispose();
        _bare.Dispose();
        _engine.Dispose();
        _factory.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void BareRun() => _engine.Processor.Run(_bare, 0, CancellationToken.None).Dispose();

    [Benchmark]
    public void Pipeline()
    {
        if ((long)_next * _run.Step >= _run.MixtureLength)
        {
            _run.Dispose();
            StartRun();
        }

        _run.ProcessChunk((long)_next * _run.Step, _next, CancellationToken.None);
        _next++;
    }

    private void StartRun()
    {
        // One hour of synthetic audio, computed on the fly: far more chunks than the job runs.
        _run = new MdxNetSeparation(_engine, new MdxBenchmark.SyntheticSource(3600L * 44_100), new NullSink(), overlap: null, progress: null);
        _next = 0;
    }

    private static string ModelPath()
    {
        var configured = Environment.GetEnvironmentVariable("MUSICAI_BENCH_MDX_MODEL");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MusicAI.Sdk.sln")))
            {
                var path = Path.Combine(directory.FullName, "artifacts", "bench-models", "mdx_tfc_tdf_random.onnx");
                return File.Exists(path)
                    ? path
                    : throw new FileNotFoundException(
                        $"The benchmark model '{path}' is missing: generate it with "
                        + "'/usr/bin/python3 tests/TestAssets/generate/sepnn_tfc_tdf.py --output artifacts/bench-models/mdx_tfc_tdf_random.onnx' "
                        + "(python with torch), or set MUSICAI_BENCH_MDX_MODEL.",
                        path);
            }
        }

        throw new FileNotFoundException("Run the benchmarks from the repository (MusicAI.Sdk.sln not found above the build folder), or set MUSICAI_BENCH_MDX_MODEL.");
    }

    private sealed class NullSink : ISeparationSink
    {
        public void Write(ReadOnlySpan<Audio.AudioBuffer> stems)
        {
        }
    }
}
