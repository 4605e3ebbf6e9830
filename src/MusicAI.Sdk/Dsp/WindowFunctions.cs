using NWaves.Windows;

namespace MusicAI.Sdk.Dsp;

/// <summary>
/// Adapter over NWaves' window functions adding the periodic ("DFT-even") variants that STFTs use.
/// </summary>
/// <remarks>
/// <para>NWaves computes symmetric windows (M = length − 1 in the formulas of <see cref="WindowKind"/>). The periodic
/// window of length N is the symmetric window of length N + 1 without its last sample, exactly as
/// <c>scipy.signal.get_window(..., fftbins=True)</c> and <c>torch.hann_window(N, periodic=True)</c> define it.</para>
/// <para>Windows are built once per plan; the allocation here is not on a per-frame path.</para>
/// </remarks>
internal static class WindowFunctions
{
    /// <summary>Creates a window.</summary>
    /// <param name="kind">Shape.</param>
    /// <param name="length">Number of samples, 1 or more.</param>
    /// <param name="periodic">True for the periodic (STFT) variant, false for the symmetric (filter design) one.</param>
    /// <param name="beta">Kaiser β (ignored by the other shapes).</param>
    /// <returns>A new array of <paramref name="length"/> samples.</returns>
    public static float[] Create(WindowKind kind, int length, bool periodic = true, double beta = 12)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        if (kind == WindowKind.Rectangular)
        {
            var ones = new float[length];
            Array.Fill(ones, 1f);
            return ones;
        }

        // A one-sample window is [1] in scipy and torch, whatever the shape (NWaves would divide 0 by 0).
        if (length == 1)
        {
            return [1f];
        }

        var size = periodic ? length + 1 : length;
        var window = kind switch
        {
            WindowKind.Hann => Window.Hann(size),
            WindowKind.Hamming => Window.Hamming(size),
            WindowKind.Blackman => Window.Blackman(size),
            WindowKind.BartlettHann => Window.BartlettHann(size),
            WindowKind.Kaiser => Window.Kaiser(size, beta),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown window kind."),
        };

        return periodic ? window[..length] : window;
    }

    /// <summary>
    /// Places a window of <paramref name="window"/>.Length samples in the middle of <paramref name="destination"/>,
    /// zeros elsewhere, starting at (destination.Length − window.Length) / 2 (rounded down) as <c>torch.stft</c> does
    /// when <c>win_length &lt; n_fft</c>.
    /// </summary>
    public static void CenterPad(ReadOnlySpan<float> window, Span<float> destination)
    {
        if (window.Length > destination.Length)
        {
            throw new ArgumentException($"The window ({window.Length} samples) is longer than the frame ({destination.Length}); use a window no longer than n_fft.", nameof(window));
        }

        destination.Clear();
        window.CopyTo(destination[((destination.Length - window.Length) / 2)..]);
    }
}
