using MusicAI.Sdk.Generation.Synthesis;

namespace MusicAI.Sdk.Tests.Generation.Synthesis;

/// <summary>Renders a synthesizer into arrays for tests.</summary>
internal static class SynthHarness
{
    /// <summary>Renders <paramref name="frames"/> frames in blocks of <paramref name="block"/>; returns the interleaved mix.</summary>
    public static float[] RenderMix(ISynthesizer synth, int frames, int block = 512)
    {
        var mix = new float[frames * 2];
        for (var offset = 0; offset < frames; offset += block)
        {
            var n = Math.Min(block, frames - offset);
            synth.Render(mix.AsSpan(offset * 2, n * 2), default);
        }

        return mix;
    }

    /// <summary>Renders with stems; returns the interleaved mix and planar stems <c>[strip][channel][frame]</c>.</summary>
    public static (float[] Mix, float[][][] Stems) RenderWithStems(ISynthesizer synth, int frames, int block = 512)
    {
        var mix = new float[frames * 2];
        var stems = new float[synth.StripCount][][];
        for (var s = 0; s < stems.Length; s++)
        {
            stems[s] = [new float[frames], new float[frames]];
        }

        var planar = new float[synth.StripCount * 2 * block];
        for (var offset = 0; offset < frames; offset += block)
        {
            var n = Math.Min(block, frames - offset);
            var view = planar.AsSpan(0, synth.StripCount * 2 * n);
            synth.Render(mix.AsSpan(offset * 2, n * 2), view);
            for (var s = 0; s < stems.Length; s++)
            {
                view.Slice(((2 * s) + 0) * n, n).CopyTo(stems[s][0].AsSpan(offset));
                view.Slice(((2 * s) + 1) * n, n).CopyTo(stems[s][1].AsSpan(offset));
            }
        }

        return (mix, stems);
    }

    /// <summary>One channel of an interleaved stereo buffer.</summary>
    public static float[] Channel(float[] interleaved, int channel)
    {
        var result = new float[interleaved.Length / 2];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = interleaved[(2 * i) + channel];
        }

        return result;
    }

    /// <summary>Mono sum (L + R) / 2 of an interleaved stereo buffer.</summary>
    public static float[] Mono(float[] interleaved)
    {
        var result = new float[interleaved.Length / 2];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = 0.5f * (interleaved[2 * i] + interleaved[(2 * i) + 1]);
        }

        return result;
    }

    /// <summary>Writes a 16-bit stereo WAV when <c>MUSICAI_SYNTH_DUMP</c> names a directory (for listening; tests never need it).</summary>
    public static void MaybeDump(string name, float[] interleaved, int sampleRate)
    {
        var directory = Environment.GetEnvironmentVariable("MUSICAI_SYNTH_DUMP");
        if (string.IsNullOrEmpty(directory))
        {
            return;
        }

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".wav");
        var temp = path + ".tmp";
        using (var stream = File.Create(temp))
        using (var writer = new BinaryWriter(stream))
        {
            var dataBytes = interleaved.Length * 2;
            writer.Write("RIFF"u8);
            writer.Write(36 + dataBytes);
            writer.Write("WAVEfmt "u8);
            writer.Write(16);
            writer.Write((short)1);
            writer.Write((short)2);
            writer.Write(sampleRate);
            writer.Write(sampleRate * 4);
            writer.Write((short)4);
            writer.Write((short)16);
            writer.Write("data"u8);
            writer.Write(dataBytes);
            foreach (var v in interleaved)
            {
                writer.Write((short)Math.Round(Math.Clamp(v, -1f, 1f) * 32767f));
            }
        }

        File.Move(temp, path, overwrite: true);
    }
}
