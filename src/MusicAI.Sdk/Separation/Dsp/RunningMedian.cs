using System.Buffers;
using System.Runtime.CompilerServices;
using MusicAI.Sdk.Internal;

namespace MusicAI.Sdk.Separation.Dsp;

/// <summary>
/// Sliding-window median filters with zero padding (the semantics of <c>scipy.signal.medfilt</c> and NWaves'
/// <c>MedianFilter</c>): <c>y[i] = median(x[i − h … i + h])</c>, window <c>2h + 1</c>, <c>x</c> = 0 outside the input.
/// </summary>
/// <remarks>
/// Each filter keeps the window sorted and replaces the leaving sample by the entering one with a binary search and
/// one block move, O(window) per output and no allocation (the sorted windows live in caller-provided scratch).
/// Inputs must not contain NaN.
/// </remarks>
internal static class RunningMedian
{
    /// <summary>Median-filters a 1-D signal.</summary>
    /// <param name="input">The signal.</param>
    /// <param name="window">Odd window length, 1 or more.</param>
    /// <param name="destination">Receives <c>input.Length</c> samples; must not overlap the input.</param>
    public static void Filter(ReadOnlySpan<float> input, int window, Span<float> destination)
    {
        ValidateWindow(window);
        ThrowHelper.ThrowIfDestinationTooShort(destination.Length, input.Length);
        var n = input.Length;
        if (n == 0)
        {
            return;
        }

        var half = window / 2;
        float[]? rented = null;
        var sorted = window <= 256 ? stackalloc float[window] : (rented = ArrayPool<float>.Shared.Rent(window)).AsSpan(0, window);
        try
        {
            for (var j = 0; j < window; j++)
            {
                sorted[j] = Padded(input, j - half);
            }

            sorted.Sort();
            for (var i = 0; i < n; i++)
            {
                destination[i] = sorted[half];
                if (i + 1 < n)
                {
                    Replace(sorted, Padded(input, i - half), Padded(input, i + half + 1));
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Median-filters every column of a row-major matrix along its rows (for a frame-major spectrogram: along time,
    /// for every frequency bin).
    /// </summary>
    /// <param name="matrix">rows × columns values, row after row.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="columns">Number of columns.</param>
    /// <param name="window">Odd window length, 1 or more.</param>
    /// <param name="destination">rows × columns values; must not overlap the input.</param>
    /// <param name="scratch">columns × window floats of working space.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FilterColumns(ReadOnlySpan<float> matrix, int rows, int columns, int window, Span<float> destination, Span<float> scratch)
    {
        ValidateWindow(window);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        var size = checked(rows * columns);
        ThrowHelper.ThrowIfInputTooShort(matrix.Length, size);
        ThrowHelper.ThrowIfDestinationTooShort(destination.Length, size);
        ThrowHelper.ThrowIfDestinationTooShort(scratch.Length, checked(columns * window));
        if (size == 0)
        {
            return;
        }

        var half = window / 2;
        for (var c = 0; c < columns; c++)
        {
            var sorted = scratch.Slice(c * window, window);
            for (var j = 0; j < window; j++)
            {
                var r = j - half;
                sorted[j] = r >= 0 && r < rows ? matrix[(r * columns) + c] : 0f;
            }

            sorted.Sort();
        }

        for (var r = 0; r < rows; r++)
        {
            var output = destination.Slice(r * columns, columns);
            for (var c = 0; c < columns; c++)
            {
                output[c] = scratch[(c * window) + half];
            }

            if (r + 1 == rows)
            {
                break;
            }

            var leaving = r - half;
            var entering = r + half + 1;
            var leavingRow = leaving >= 0 ? matrix.Slice(leaving * columns, columns) : default;
            var enteringRow = entering < rows ? matrix.Slice(entering * columns, columns) : default;
            for (var c = 0; c < columns; c++)
            {
                var old = leavingRow.IsEmpty ? 0f : leavingRow[c];
                var value = enteringRow.IsEmpty ? 0f : enteringRow[c];
                if (old != value)
                {
                    Replace(scratch.Slice(c * window, window), old, value);
                }
            }
        }
    }

    /// <summary>Replaces one occurrence of <paramref name="old"/> in a sorted span by <paramref name="value"/>, keeping it sorted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Replace(Span<float> sorted, float old, float value)
    {
        var at = sorted.BinarySearch(old);
        if (at < 0)
        {
            throw new InvalidOperationException("The median window lost track of a sample (NaN input?).");
        }

        if (value > old)
        {
            // Find the first element ≥ value after 'at'; everything in between moves one step left.
            var end = at + 1;
            while (end < sorted.Length && sorted[end] < value)
            {
                end++;
            }

            sorted.Slice(at + 1, end - at - 1).CopyTo(sorted.Slice(at, end - at - 1));
            sorted[end - 1] = value;
        }
        else if (value < old)
        {
            var begin = at;
            while (begin > 0 && sorted[begin - 1] > value)
            {
                begin--;
            }

            sorted.Slice(begin, at - begin).CopyTo(sorted.Slice(begin + 1, at - begin));
            sorted[begin] = value;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Padded(ReadOnlySpan<float> input, int index) =>
        index >= 0 && index < input.Length ? input[index] : 0f;

    private static void ValidateWindow(int window)
    {
        if (window < 1 || window % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "The median window must be an odd number, 1 or more.");
        }
    }
}
