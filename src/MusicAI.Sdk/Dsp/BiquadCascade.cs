using System.Runtime.CompilerServices;

namespace MusicAI.Sdk.Dsp;

/// <summary>
/// A cascade of second-order sections (transposed direct form II) with double-precision state, for one channel.
/// </summary>
/// <remarks>
/// The state carries over between <see cref="Process(ReadOnlySpan{float}, Span{float})"/> calls, so a long signal can be
/// filtered block by block; <see cref="Reset"/> clears it. Not thread-safe: use one instance per channel and thread.
/// Double-precision state keeps poles close to z = 1 (e.g. the 38 Hz RLB high-pass of BS.1770) accurate.
/// </remarks>
internal sealed class BiquadCascade
{
    private readonly BiquadCoefficients[] _sections;
    private readonly double[] _state;

    /// <summary>Creates a cascade of the given sections (applied in order).</summary>
    public BiquadCascade(params ReadOnlySpan<BiquadCoefficients> sections)
    {
        if (sections.IsEmpty)
        {
            throw new ArgumentException("A cascade needs at least one section.", nameof(sections));
        }

        _sections = sections.ToArray();
        _state = new double[2 * _sections.Length];
    }

    /// <summary>Gets the sections.</summary>
    public ReadOnlySpan<BiquadCoefficients> Sections => _sections;

    /// <summary>Clears the filter state (as if preceded by silence).</summary>
    public void Reset() => Array.Clear(_state);

    /// <summary>Filters <paramref name="input"/> into <paramref name="output"/> (which may be the same span).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        Internal.ThrowHelper.ThrowIfDestinationTooShort(output.Length, input.Length);
        for (var s = 0; s < _sections.Length; s++)
        {
            var c = _sections[s];
            double s1 = _state[2 * s], s2 = _state[(2 * s) + 1];
            var source = s == 0 ? input : output;
            for (var i = 0; i < input.Length; i++)
            {
                double x = source[i];
                var y = (c.B0 * x) + s1;
                s1 = (c.B1 * x) - (c.A1 * y) + s2;
                s2 = (c.B2 * x) - (c.A2 * y);
                output[i] = (float)y;
            }

            _state[2 * s] = s1;
            _state[(2 * s) + 1] = s2;
        }
    }

    /// <summary>
    /// Filters and returns the sum of squares of the output, without storing it (used by loudness metering).
    /// </summary>
    /// <param name="input">Samples.</param>
    /// <param name="squares">Receives the squared filtered samples summed per block of <paramref name="blockLength"/> samples, added to the existing values.</param>
    /// <param name="blockLength">Samples per block; the last partial block is summed too.</param>
    /// <param name="weight">Multiplies each block sum before it is added.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ProcessSquaresInBlocks(ReadOnlySpan<float> input, Span<double> squares, int blockLength, double weight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockLength);
        Internal.ThrowHelper.ThrowIfDestinationTooShort(squares.Length, (input.Length + blockLength - 1) / blockLength);
        if (_sections.Length == 2)
        {
            ProcessSquaresTwoSections(input, squares, blockLength, weight);
            return;
        }

        var states = _state;
        var sections = _sections;
        double sum = 0;
        var block = 0;
        var inBlock = 0;
        for (var i = 0; i < input.Length; i++)
        {
            double y = input[i];
            for (var s = 0; s < sections.Length; s++)
            {
                ref readonly var c = ref sections[s];
                var x = y;
                y = (c.B0 * x) + states[2 * s];
                states[2 * s] = (c.B1 * x) - (c.A1 * y) + states[(2 * s) + 1];
                states[(2 * s) + 1] = (c.B2 * x) - (c.A2 * y);
            }

            sum += y * y;
            if (++inBlock == blockLength)
            {
                squares[block++] += weight * sum;
                sum = 0;
                inBlock = 0;
            }
        }

        if (inBlock > 0)
        {
            squares[block] += weight * sum;
        }
    }

    /// <summary>The K-weighting case (two sections) with coefficients and state in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ProcessSquaresTwoSections(ReadOnlySpan<float> input, Span<double> squares, int blockLength, double weight)
    {
        var c = _sections[0];
        var d = _sections[1];
        double s1 = _state[0], s2 = _state[1], t1 = _state[2], t2 = _state[3];
        double sum = 0;
        var block = 0;
        var inBlock = 0;
        for (var i = 0; i < input.Length; i++)
        {
            double x = input[i];
            var y = (c.B0 * x) + s1;
            s1 = (c.B1 * x) - (c.A1 * y) + s2;
            s2 = (c.B2 * x) - (c.A2 * y);
            var z = (d.B0 * y) + t1;
            t1 = (d.B1 * y) - (d.A1 * z) + t2;
            t2 = (d.B2 * y) - (d.A2 * z);
            sum += z * z;
            if (++inBlock == blockLength)
            {
                squares[block++] += weight * sum;
                sum = 0;
                inBlock = 0;
            }
        }

        if (inBlock > 0)
        {
            squares[block] += weight * sum;
        }

        (_state[0], _state[1], _state[2], _state[3]) = (s1, s2, t1, t2);
    }
}
