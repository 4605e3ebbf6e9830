using System.Text.Json;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Audio.Resampling;

namespace MusicAI.Sdk.Tests.Audio.Resampling;

public sealed class PolyphaseResamplerTests
{
    public static TheoryData<int, int> ScipyCases()
    {
        var data = new TheoryData<int, int>();
        using var manifest = JsonDocument.Parse(File.ReadAllText(TestAssets.Path("audio", "resample", "manifest.json")));
        foreach (var item in manifest.RootElement.GetProperty("cases").EnumerateArray())
        {
            data.Add(item.GetProperty("input_rate").GetInt32(), item.GetProperty("output_rate").GetInt32());
        }

        return data;
    }

    public static TheoryData<int, int> Ratios => new()
    {
        { 44100, 48000 }, { 48000, 44100 }, { 44100, 22050 }, { 44100, 16000 }, { 48000, 32000 }, { 8000, 44100 }, { 192000, 44100 },
    };

    private static float[] ReadF32(string name)
    {
        var bytes = File.ReadAllBytes(TestAssets.Path("audio", "resample", name));
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }

    internal static float[] OneShot(ResamplerKernel kernel, float[] input)
    {
        var output = new float[kernel.OutputLength(input.Length)];
        PolyphaseResampler.Process(kernel, input, output);
        return output;
    }

    [Theory]
    [MemberData(nameof(ScipyCases))]
    public void ScipyCompatible_MatchesScipyResamplePoly(int inputRate, int outputRate)
    {
        var input = ReadF32($"{inputRate}_{outputRate}.input.f32");
        var expected = ReadF32($"{inputRate}_{outputRate}.scipy.f32");
        var kernel = ResamplerKernel.Create(inputRate, outputRate, ResamplerQuality.ScipyCompatible);
        var actual = OneShot(kernel, input);
        Assert.Equal(expected.Length, actual.Length);
        var maxError = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            maxError = Math.Max(maxError, Math.Abs(expected[i] - actual[i]));
        }

        Assert.InRange(maxError, 0, 1e-5);
    }

    [Theory]
    [MemberData(nameof(Ratios))]
    [InlineData(44100, 44101)]
    [InlineData(48000, 47999)]
    public void Chunked_EqualsOneShot_BitForBit(int inputRate, int outputRate)
    {
        const int channels = 2;
        var kernel = ResamplerKernel.Create(inputRate, outputRate);
        var interleaved = AudioTestHelpers.Signal(5003, channels, inputRate, seed: 3);
        var expected = new float[channels][];
        for (var c = 0; c < channels; c++)
        {
            var channel = new float[5003];
            for (var i = 0; i < channel.Length; i++)
            {
                channel[i] = interleaved[(i * channels) + c];
            }

            expected[c] = OneShot(kernel, channel);
        }

        var random = new Random(inputRate ^ outputRate);
        using var resampler = new PolyphaseResampler(kernel, channels);
        var output = new List<float>();
        var scratch = new float[4096 * channels];
        var position = 0;
        while (!resampler.IsFinished)
        {
            if (position < 5003)
            {
                var take = Math.Min(random.Next(0, 700), 5003 - position);
                resampler.Write(interleaved.AsSpan(position * channels, take * channels));
                position += take;
            }
            else
            {
                resampler.Complete();
            }

            var room = random.Next(1, 4096) * channels;
            var frames = resampler.Read(scratch.AsSpan(0, room));
            output.AddRange(scratch.AsSpan(0, frames * channels));
        }

        Assert.Equal(expected[0].Length * channels, output.Count);
        for (var i = 0; i < expected[0].Length; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                Assert.Equal(expected[c][i], output[(i * channels) + c]);
            }
        }
    }

    [Theory]
    [InlineData(44100, 48000, 3000, 3266)]
    [InlineData(48000, 44100, 3000, 2757)]
    [InlineData(44100, 16000, 1, 1)]
    [InlineData(44100, 16000, 0, 0)]
    [InlineData(8000, 44100, 7, 39)]
    public void OutputLength_IsCeilingOfTheRatio(int inputRate, int outputRate, int inputFrames, int outputFrames) =>
        Assert.Equal(outputFrames, ResamplerKernel.Create(inputRate, outputRate).OutputLength(inputFrames));

    [Theory]
    [MemberData(nameof(Ratios))]
    [InlineData(44100, 44101)]
    public void HighQuality_MeetsTheDocumentedBounds(int inputRate, int outputRate)
    {
        var kernel = ResamplerKernel.Create(inputRate, outputRate);
        var figures = ResamplerMeasurement.Measure((x, _, _) => OneShot(kernel, x), inputRate, outputRate, tones: 16, seconds: 0.1);

        // docs/audio-io.md documents ≤ 0.001 dB ripple and ≥ 100 dB stop band (design target 110 dB).
        Assert.InRange(figures.PassbandRippleDb, 0, 0.001);
        Assert.InRange(figures.WorstPassbandGainDb, 0, 0.001);
        Assert.InRange(figures.StopbandAttenuationDb, 100, double.MaxValue);
    }

    [Fact]
    public void ScipyCompatible_IsMeasurablyWorse_ThanHighQuality()
    {
        var scipy = ResamplerKernel.Create(48000, 16000, ResamplerQuality.ScipyCompatible);
        var figures = ResamplerMeasurement.Measure((x, _, _) => OneShot(scipy, x), 48000, 16000, tones: 16, seconds: 0.1);

        // Cutoff at the Nyquist frequency itself: half the transition band aliases (documented: ≈ 6 dB at Nyquist).
        Assert.InRange(figures.StopbandAttenuationDb, 0, 20);
    }

    [Theory]
    [InlineData(48000, 16000, 9000)]
    [InlineData(44100, 22050, 15000)]
    [InlineData(192000, 44100, 60000)]
    public void ToneAboveTheNewNyquist_IsRemoved(int inputRate, int outputRate, double frequency)
    {
        using var buffer = AudioBuffer.FromChannels(inputRate, ResamplerMeasurement.Tone(frequency, inputRate, inputRate / 4));
        using var resampled = buffer.Resample(outputRate);
        var rms = ResamplerMeasurement.Rms(ResamplerMeasurement.Middle(resampled.GetChannel(0).ToArray()));
        var attenuation = 20 * Math.Log10(Math.Sqrt(0.5) / rms);
        Assert.InRange(attenuation, 100, double.MaxValue);
    }

    [Fact]
    public void Constant_StaysConstant_AwayFromTheEdges()
    {
        var kernel = ResamplerKernel.Create(44100, 48000);
        var output = OneShot(kernel, Enumerable.Repeat(0.5f, 4410).ToArray());
        foreach (var value in output.AsSpan(400, output.Length - 800))
        {
            Assert.Equal(0.5f, value, 1e-5f);
        }
    }

    [Fact]
    public void ExactAndInterpolatedTables_AreChosenByRatio()
    {
        Assert.True(ResamplerKernel.Create(44100, 48000).IsExact);
        var odd = ResamplerKernel.Create(44100, 44101);
        Assert.False(odd.IsExact);
        Assert.InRange(odd.TableSize, 1, 4_000_000);
    }

    [Fact]
    public void AudioBufferResample_SameRate_IsACopy()
    {
        using var buffer = AudioBuffer.FromChannels(16000, [0.1f, 0.2f]);
        using var copy = buffer.Resample(16000);
        Assert.Equal([0.1f, 0.2f], copy.GetChannel(0).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Resample(100));
    }

    [Fact]
    public void AudioBufferResample_ResamplesEveryChannel()
    {
        using var buffer = AudioBuffer.FromInterleaved(AudioTestHelpers.Signal(1000, 3, 32000), 3, 32000);
        using var resampled = buffer.Resample(48000);
        Assert.Equal(1500, resampled.FrameCount);
        Assert.Equal(3, resampled.ChannelCount);
        var kernel = ResamplerKernel.Create(32000, 48000);
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(OneShot(kernel, buffer.GetChannel(c).ToArray()), resampled.GetChannel(c).ToArray());
        }
    }
}
