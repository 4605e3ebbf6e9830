namespace MusicAI.Sdk.Audio.Resampling;

/// <summary>
/// An immutable polyphase filter table for converting between two sample rates; safe to share between threads.
/// </summary>
/// <remarks>
/// <para>The conversion is <c>y[m] = Σₙ x[n] · h(n·up − m·down)</c> with <c>up/down</c> the reduced rate ratio and
/// <c>h</c> a linear-phase low-pass filter centred on zero (so output sample <c>m</c> is at time <c>m / outputRate</c>
/// exactly: no delay), and zeros outside the input. Each output is one dot product of a table row with a window of
/// <see cref="Taps"/> consecutive input samples starting at <c>floor(m·down/up) + FirstTap</c>.</para>
/// <para>When <c>up</c> is small enough the table holds one row per phase (exact). Otherwise (ratios such as 44100 →
/// 44101) it holds the filter on a finer grid of fractional positions and each output interpolates linearly
/// between the two nearest rows.</para>
/// </remarks>
internal sealed class ResamplerKernel
{
    private const double HighQualityAttenuationDb = 110;
    private const double PassbandEdge = 0.90;
    private const int MaxExactPhases = 4096;
    private const long MaxExactTableSize = 4_000_000;
    private const int MaxInterpolatedRows = 4096;

    private readonly float[] _table;

    private ResamplerKernel(int inputRate, int outputRate, int up, int down, ResamplerQuality quality, int rows, bool exact, int firstTap, int taps, float[] table)
    {
        InputRate = inputRate;
        OutputRate = outputRate;
        Up = up;
        Down = down;
        Quality = quality;
        Rows = rows;
        IsExact = exact;
        FirstTap = firstTap;
        Taps = taps;
        _table = table;
    }

    /// <summary>Gets the input sample rate.</summary>
    public int InputRate { get; }

    /// <summary>Gets the output sample rate.</summary>
    public int OutputRate { get; }

    /// <summary>Gets the interpolation factor of the reduced ratio.</summary>
    public int Up { get; }

    /// <summary>Gets the decimation factor of the reduced ratio.</summary>
    public int Down { get; }

    /// <summary>Gets the filter design.</summary>
    public ResamplerQuality Quality { get; }

    /// <summary>Gets the number of fractional positions the table resolves (equal to <see cref="Up"/> when exact).</summary>
    public int Rows { get; }

    /// <summary>Gets whether every phase has its own row (no interpolation between rows).</summary>
    public bool IsExact { get; }

    /// <summary>Gets the offset of the first input sample of a window relative to <c>floor(m·down/up)</c> (≤ 0).</summary>
    public int FirstTap { get; }

    /// <summary>Gets the number of input samples each output depends on.</summary>
    public int Taps { get; }

    /// <summary>Gets the table size in floats (for diagnostics).</summary>
    public int TableSize => _table.Length;

    /// <summary>
    /// Designs the filter table.
    /// </summary>
    /// <param name="inputRate">Input sample rate in Hz.</param>
    /// <param name="outputRate">Output sample rate in Hz.</param>
    /// <param name="quality">Which design.</param>
    /// <returns>The kernel.</returns>
    public static ResamplerKernel Create(int inputRate, int outputRate, ResamplerQuality quality = ResamplerQuality.High)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        var gcd = Gcd(inputRate, outputRate);
        var up = outputRate / gcd;
        var down = inputRate / gcd;
        var maxFactor = Math.Max(up, down);

        // Design in units of the upsampled grid (rate up × inputRate): halfLength samples each side of zero,
        // cutoff as a fraction of that grid's sample rate, Kaiser window of shape beta.
        double halfLength;
        double cutoff;
        double beta;
        if (quality == ResamplerQuality.ScipyCompatible)
        {
            halfLength = 10.0 * maxFactor;
            cutoff = 0.5 / maxFactor;
            beta = 5.0;
        }
        else
        {
            var lowerNyquist = 0.5 / maxFactor;
            var transition = (1 - PassbandEdge) * lowerNyquist;
            cutoff = lowerNyquist * (1 + PassbandEdge) / 2;
            beta = 0.1102 * (HighQualityAttenuationDb - 8.7);
            var length = (HighQualityAttenuationDb - 7.95) / (2.285 * 2 * Math.PI * transition);
            halfLength = Math.Ceiling(length / 2);
        }

        var firstTap = -(int)Math.Floor(halfLength / up);
        var lastTap = (int)Math.Floor(halfLength / up) + 1;
        var taps = lastTap - firstTap + 1;
        var exact = quality == ResamplerQuality.ScipyCompatible || (up <= MaxExactPhases && (long)up * taps <= MaxExactTableSize);
        int rows;
        int storedRows;
        if (exact)
        {
            rows = up;
            storedRows = up;
        }
        else
        {
            // Finer grids for wider kernels (upsampling or mild downsampling) where curvature is highest.
            rows = (int)Math.Clamp(Math.Ceiling(MaxInterpolatedRows * 2 * cutoff * up), 64, MaxInterpolatedRows);
            storedRows = rows + 1;
        }

        var table = new float[(long)storedRows * taps];
        var raw = new double[table.Length];
        var total = 0.0;
        var i0Beta = BesselI0(beta);
        for (var row = 0; row < storedRows; row++)
        {
            var fraction = (double)row / rows;
            for (var tap = 0; tap < taps; tap++)
            {
                // Position on the upsampled grid: exact rows land on integers.
                var k = exact ? ((double)(firstTap + tap) * up) - row : (firstTap + tap - fraction) * up;
                var value = 0.0;
                if (Math.Abs(k) <= halfLength)
                {
                    var ratio = k / halfLength;
                    var window = BesselI0(beta * Math.Sqrt(Math.Max(0, 1 - (ratio * ratio)))) / i0Beta;
                    value = 2 * cutoff * Sinc(2 * cutoff * k) * window;
                }

                raw[(row * taps) + tap] = value;
                total += value;
            }
        }

        // Exact tables hold every integer tap once: normalise the DC gain to exactly up (scipy's h /= sum(h); h *= up).
        // Interpolated tables use the analytic gain (each row sums to ≈ 1 input-sample unit).
        var scale = exact ? up / total : up;
        for (var i = 0; i < raw.Length; i++)
        {
            table[i] = (float)(raw[i] * scale);
        }

        return new ResamplerKernel(inputRate, outputRate, up, down, quality, rows, exact, firstTap, taps, table);
    }

    /// <summary>The number of output frames for <paramref name="inputFrames"/> input frames: ceil(n·up/down).</summary>
    /// <param name="inputFrames">Input frames.</param>
    /// <returns>Output frames.</returns>
    public long OutputLength(long inputFrames)
    {
        var (quotient, remainder) = Math.DivRem(checked(inputFrames * Up), Down);
        return quotient + (remainder != 0 ? 1 : 0);
    }

    /// <summary>
    /// Computes one output sample.
    /// </summary>
    /// <param name="phase">The phase <c>(m·down) mod up</c>.</param>
    /// <param name="window"><see cref="Taps"/> input samples starting at <c>floor(m·down/up) + FirstTap</c>.</param>
    /// <returns>The output sample.</returns>
    public float Compute(int phase, ReadOnlySpan<float> window)
    {
        if (IsExact)
        {
            return SimdDot.Dot(_table.AsSpan(phase * Taps, Taps), window);
        }

        var position = (long)phase * Rows;
        var row = (int)(position / Up);
        var weight = (float)((double)(position - ((long)row * Up)) / Up);
        var first = SimdDot.Dot(_table.AsSpan(row * Taps, Taps), window);
        if (weight == 0)
        {
            return first;
        }

        var second = SimdDot.Dot(_table.AsSpan((row + 1) * Taps, Taps), window);
        return first + (weight * (second - first));
    }

    internal static double BesselI0(double x)
    {
        // Power series Σ ((x/2)^k / k!)², converging for every x used here (β ≤ 12 → under 60 terms).
        var sum = 1.0;
        var term = 1.0;
        var half = x / 2;
        for (var k = 1; k < 500; k++)
        {
            term *= half / k;
            var square = term * term;
            sum += square;
            if (square < sum * 1e-17)
            {
                break;
            }
        }

        return sum;
    }

    private static double Sinc(double x) => x == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
