using System.Numerics.Tensors;
using MusicAI.Sdk.Audio.Wav;

namespace MusicAI.Sdk.Audio.Channels;

/// <summary>
/// The channel conversion matrices of <see cref="AudioBuffer.ToChannelCount(int)"/> and of the loading chain.
/// </summary>
/// <remarks>
/// Channels are assumed to be in the WAV speaker order with the standard layout for their count (1: C, 2: L R,
/// 3: L R C, 4: L R Ls Rs, 5: L R C Ls Rs, 6 (5.1): L R C LFE Ls Rs, 7: 5.1 + back centre, 8 (7.1): 5.1 + side L/R).
/// <list type="bullet">
/// <item>N → N: unchanged.</item>
/// <item>N → 1: the average of all channels.</item>
/// <item>1 → M: the mono signal goes, unscaled, to the first two channels (L and R); the rest are silent.</item>
/// <item>N → 2 (N ≥ 3): ITU-R BS.775 downmix: each left speaker goes to L and each right one to R, front L/R at 1,
/// centre at 0.7071 to both, surround/back/side at 0.7071 to their side, back centre at 0.5 to both, LFE dropped.
/// Not normalised, so loud surround content can exceed ±1 (nothing clips until an integer WAV is written).</item>
/// <item>any other N → M: the first min(N, M) channels are copied; extra output channels are silent.</item>
/// </list>
/// </remarks>
internal static class ChannelMixer
{
    private const float Minus3Db = 0.70710677f;

    // Speaker roles in WAV mask-bit order.
    private const int FrontLeft = 0;
    private const int FrontRight = 1;
    private const int FrontCenter = 2;
    private const int LowFrequency = 3;
    private const int BackLeft = 4;
    private const int BackRight = 5;
    private const int FrontLeftOfCenter = 6;
    private const int FrontRightOfCenter = 7;
    private const int BackCenter = 8;
    private const int SideLeft = 9;
    private const int SideRight = 10;

    /// <summary>
    /// Builds the matrix, row-major <c>[output, input]</c>.
    /// </summary>
    /// <param name="inputChannels">Source channel count.</param>
    /// <param name="outputChannels">Target channel count.</param>
    /// <returns>outputChannels × inputChannels gains.</returns>
    public static float[] Matrix(int inputChannels, int outputChannels)
    {
        var matrix = new float[outputChannels * inputChannels];
        if (inputChannels == outputChannels)
        {
            for (var c = 0; c < inputChannels; c++)
            {
                matrix[(c * inputChannels) + c] = 1;
            }
        }
        else if (outputChannels == 1)
        {
            Array.Fill(matrix, 1f / inputChannels);
        }
        else if (inputChannels == 1)
        {
            matrix[0] = 1;
            matrix[1] = 1;
        }
        else if (outputChannels == 2)
        {
            var roles = Roles(inputChannels);
            for (var i = 0; i < inputChannels; i++)
            {
                var (left, right) = StereoGains(roles[i]);
                matrix[i] = left;
                matrix[inputChannels + i] = right;
            }
        }
        else
        {
            for (var c = 0; c < Math.Min(inputChannels, outputChannels); c++)
            {
                matrix[(c * inputChannels) + c] = 1;
            }
        }

        return matrix;
    }

    /// <summary>
    /// Mixes interleaved frames.
    /// </summary>
    /// <param name="matrix">From <see cref="Matrix"/>.</param>
    /// <param name="inputChannels">Channels per input frame.</param>
    /// <param name="outputChannels">Channels per output frame.</param>
    /// <param name="source">Whole input frames.</param>
    /// <param name="destination">Room for the same number of output frames.</param>
    public static void MixInterleaved(ReadOnlySpan<float> matrix, int inputChannels, int outputChannels, ReadOnlySpan<float> source, Span<float> destination)
    {
        var frames = source.Length / inputChannels;
        if (destination.Length < frames * outputChannels)
        {
            throw new ArgumentException($"The destination needs {frames * outputChannels} samples.", nameof(destination));
        }

        for (var f = 0; f < frames; f++)
        {
            var input = source.Slice(f * inputChannels, inputChannels);
            var output = destination.Slice(f * outputChannels, outputChannels);
            for (var o = 0; o < outputChannels; o++)
            {
                var row = matrix.Slice(o * inputChannels, inputChannels);
                var sum = 0f;
                for (var i = 0; i < inputChannels; i++)
                {
                    sum += row[i] * input[i];
                }

                output[o] = sum;
            }
        }
    }

    /// <summary>
    /// Mixes planar buffers.
    /// </summary>
    /// <param name="source">The input buffer.</param>
    /// <param name="destination">A buffer with the same frame count and the target channel count.</param>
    public static void MixPlanar(AudioBuffer source, AudioBuffer destination)
    {
        var matrix = Matrix(source.ChannelCount, destination.ChannelCount);
        for (var o = 0; o < destination.ChannelCount; o++)
        {
            var target = destination.GetChannel(o);
            target.Clear();
            for (var i = 0; i < source.ChannelCount; i++)
            {
                var gain = matrix[(o * source.ChannelCount) + i];
                if (gain == 1)
                {
                    TensorPrimitives.Add(target, source.GetChannel(i), target);
                }
                else if (gain != 0)
                {
                    TensorPrimitives.MultiplyAdd(source.GetChannel(i), gain, target, target);
                }
            }
        }
    }

    private static int[] Roles(int channels)
    {
        var roles = new int[channels];
        var mask = WavHeaderWriter.DefaultChannelMask(channels);
        var next = 0;
        for (var bit = 0; bit < 32 && next < channels && mask != 0; bit++)
        {
            if ((mask & (1u << bit)) != 0)
            {
                roles[next++] = bit;
            }
        }

        for (; next < channels; next++)
        {
            roles[next] = next;
        }

        return roles;
    }

    private static (float Left, float Right) StereoGains(int role) => role switch
    {
        FrontLeft => (1, 0),
        FrontRight => (0, 1),
        FrontCenter => (Minus3Db, Minus3Db),
        LowFrequency => (0, 0),
        BackLeft or FrontLeftOfCenter or SideLeft => (Minus3Db, 0),
        BackRight or FrontRightOfCenter or SideRight => (0, Minus3Db),
        BackCenter => (0.5f, 0.5f),
        _ when role % 2 == 0 => (Minus3Db, 0),
        _ => (0, Minus3Db),
    };
}
