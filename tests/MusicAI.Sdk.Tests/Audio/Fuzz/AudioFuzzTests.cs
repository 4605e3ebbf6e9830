using System.Diagnostics;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Tests.Audio.Decoding;
using static MusicAI.Sdk.Tests.Audio.AudioTestHelpers;

namespace MusicAI.Sdk.Tests.Audio.Fuzz;

/// <summary>
/// Seeded mutation fuzzing of every decoder: each mutated file must either decode or fail with
/// <see cref="AudioFormatException"/>, within a wall-clock budget. A failure message names the seed, case and
/// mutation so that it can be replayed.
/// </summary>
public sealed class AudioFuzzTests
{
    private static readonly TimeSpan s_perCaseBudget = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_loopBudget = TimeSpan.FromSeconds(150);

    // Corrupt Vorbis setup headers still make NVorbis allocate codebooks of up to ~80 MB (transiently) before
    // failing; everything found above that (GB-sized comment strings, 256 MB ID3 buffers) is now rejected early.
    private const long PerCaseAllocationBudget = 128L << 20;

    private static List<byte[]> WavCorpus()
    {
        var corpus = new List<byte[]>();
        var formats = Enum.GetValues<WavSampleFormat>();
        var i = 0;
        foreach (var channels in new[] { 1, 2, 6 })
        {
            foreach (var format in formats)
            {
                using var buffer = AudioBuffer.FromInterleaved(Signal(37 + i, channels, 8000 + (1000 * i)), channels, 8000 + (1000 * i));
                using var stream = new MemoryStream();
                buffer.SaveWav(stream, format, riffLimit: i % 4 == 0 ? 100 : uint.MaxValue - 1L);
                corpus.Add(stream.ToArray());
                i++;
            }
        }

        // Unknown and odd-sized chunks, EXTENSIBLE with fewer valid bits, a streaming-style header.
        corpus.Add(new WavBuilder().Chunk("LIST", [1, 2, 3]).FmtExtensible(1, 2, 44100, 24, 20, 3).Chunk("junk", new byte[5]).Chunk("data", new byte[60]).Build());
        corpus.Add(new WavBuilder { RiffSizeOverride = 0 }.Fmt(1, 1, 22050, 16).Chunk("data", new byte[40], sizeOverride: 0).Build());
        corpus.Add(new WavBuilder().Fmt(3, 2, 48000, 64).Chunk("fact", new byte[4]).Chunk("data", new byte[64]).Build());
        return corpus;
    }

    private static void Decode(byte[] bytes, bool seekable, bool convert)
    {
        Stream stream = seekable ? new MemoryStream(bytes) : new NonSeekableStream(new MemoryStream(bytes));
        var options = convert ? new AudioLoadOptions { SampleRate = 16000, ChannelCount = 1, ReplaceNonFiniteSamples = true } : null;
        using var reader = AudioReader.Open(stream, options, leaveOpen: false, CodecFixtures.NoFfmpeg);
        var buffer = new float[1024 * reader.ChannelCount];
        long frames = 0;
        int n;
        while ((n = reader.Read(buffer)) > 0)
        {
            frames += n;
        }

        Assert.Equal(frames, reader.Position);
    }

    private static async Task<(int Decoded, int Rejected, TimeSpan Slowest)> FuzzAsync(IReadOnlyList<byte[]> corpus, int cases, int seed, bool riff, Func<int, (bool Seekable, bool Convert)> mode, Func<int, byte[], byte[]>? fix = null)
    {
        var decoded = 0;
        var rejected = 0;
        var slowest = TimeSpan.Zero;
        var loop = Task.Run(() =>
        {
            for (var i = 0; i < cases; i++)
            {
                var random = new Random((seed * 1_000_003) + i);
                var original = corpus[random.Next(corpus.Count)];
                var (bytes, description) = Mutator.Mutate(original, random, riff);
                bytes = fix?.Invoke(i, bytes) ?? bytes;
                var (seekable, convert) = mode(i);
                var watch = Stopwatch.StartNew();
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    Decode(bytes, seekable, convert);
                    decoded++;
                }
                catch (AudioFormatException)
                {
                    rejected++;
                }
                catch (Exception ex)
                {
                    Assert.Fail($"Seed {seed}, case {i} ({description}, seekable={seekable}, convert={convert}): {ex.GetType().Name} escaped: {ex}");
                }

                if (watch.Elapsed > slowest)
                {
                    slowest = watch.Elapsed;
                }

                Assert.True(watch.Elapsed < s_perCaseBudget, $"Seed {seed}, case {i} ({description}) took {watch.Elapsed}.");
                var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                Assert.True(allocated < PerCaseAllocationBudget, $"Seed {seed}, case {i} ({description}) allocated {allocated / 1e6:0} MB.");
            }
        }, TestContext.Current.CancellationToken);
        await loop.WaitAsync(s_loopBudget, TestContext.Current.CancellationToken);
        return (decoded, rejected, slowest);
    }

    [Fact]
    public async Task Wav_TenThousandMutations_DecodeOrRaiseAudioFormatException()
    {
        var (decoded, rejected, slowest) = await FuzzAsync(WavCorpus(), 10_000, seed: 1, riff: true, i => (i % 3 != 0, i % 97 == 0));
        TestContext.Current.TestOutputHelper?.WriteLine($"WAV: {decoded} decoded, {rejected} rejected, slowest {slowest.TotalMilliseconds:0.0} ms");

        // Both outcomes must occur, or the mutations are not reaching the parser.
        Assert.InRange(decoded, 1000, 9000);
        Assert.InRange(rejected, 1000, 9000);
    }

    [Fact]
    public async Task Mp3_TwoThousandMutations_DecodeOrRaiseAudioFormatException()
    {
        var cbr = File.ReadAllBytes(CodecFixtures.Path("tone_44k_stereo_cbr.mp3"));
        var vbr = File.ReadAllBytes(CodecFixtures.Path("chirp_22k_mono_vbr.mp3"));
        byte[][] corpus = [cbr[..4000], vbr, cbr[^3000..]];
        var (decoded, rejected, slowest) = await FuzzAsync(corpus, 2_000, seed: 2, riff: false, i => (i % 4 != 0, false));
        TestContext.Current.TestOutputHelper?.WriteLine($"MP3: {decoded} decoded, {rejected} rejected, slowest {slowest.TotalMilliseconds:0.0} ms");
        Assert.InRange(decoded, 100, 2000);
    }

    [Fact]
    public async Task Ogg_FiveHundredMutations_DecodeOrRaiseAudioFormatException()
    {
        // Most cases get their page checksums repaired, so that the mutations reach the Vorbis decoder itself.
        var ogg = File.ReadAllBytes(CodecFixtures.Path("tone_44k_stereo.ogg"));
        byte[][] corpus = [ogg, ogg[..6000]];
        var (decoded, rejected, slowest) = await FuzzAsync(corpus, 500, seed: 3, riff: false, i => (i % 4 != 0, false), (i, bytes) => i % 5 == 0 ? bytes : Mutator.FixOggChecksums(bytes));
        TestContext.Current.TestOutputHelper?.WriteLine($"Ogg: {decoded} decoded, {rejected} rejected, slowest {slowest.TotalMilliseconds:0.0} ms");
        Assert.InRange(rejected, 10, 500);
    }
}
