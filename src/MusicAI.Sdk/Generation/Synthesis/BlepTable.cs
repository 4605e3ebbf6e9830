namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// Minimum-phase band-limited step (minBLEP) and ramp (minBLAMP) residual tables, generated once per process
/// (about 10 ms) from a Blackman-windowed sinc (10 zero crossings, cutoff 0.8 × Nyquist) made minimum-phase through
/// the real cepstrum (E. Brandt, "Hard sync without aliasing", ICMC 2001).
/// </summary>
/// <remarks>
/// <para>A residual is what must be added to a naive waveform after a discontinuity to make it band-limited. Rows are
/// stored phase-major: row <c>j</c> (<c>0 … <see cref="Phases"/></c>) holds the residual at samples
/// <c>k + j / Phases</c> after the discontinuity, <c>k = 0 … <see cref="Length"/> − 1</c>, so adding a residual is a
/// linear blend of two rows — one vector loop, no gathers.</para>
/// <para>The step residual goes from −1 to 0. The ramp residual (for slope changes, in units of one sample) has its
/// asymptote <see cref="RampTail"/> (minus the filter's group delay) removed; an oscillator adds that constant as a
/// phase-dependent offset instead, so every stored residual decays to 0 within <see cref="Length"/> samples.</para>
/// </remarks>
internal static class BlepTable
{
    /// <summary>Residual length in samples (a multiple of the vector width).</summary>
    public const int Length = 32;

    /// <summary>Sub-sample phases per sample.</summary>
    public const int Phases = 256;

    private const int ZeroCrossings = 10;
    private const int Oversampling = 64;
    private const double Cutoff = 0.8;
    private const int FftSize = 1 << 15;

    private static readonly (float[] Step, float[] Ramp, float Tail) s_tables = Build();

    /// <summary>Gets the step residual rows, <c>(Phases + 1) × Length</c>.</summary>
    public static float[] Step => s_tables.Step;

    /// <summary>Gets the ramp residual rows with the tail removed, <c>(Phases + 1) × Length</c>.</summary>
    public static float[] Ramp => s_tables.Ramp;

    /// <summary>Gets the asymptote of the ramp residual (negative group delay in samples).</summary>
    public static float RampTail => s_tables.Tail;

    private static (float[] Step, float[] Ramp, float Tail) Build()
    {
        // Windowed sinc sampled at Oversampling points per zero crossing.
        var taps = (2 * ZeroCrossings * Oversampling) + 1;
        var re = new double[FftSize];
        var im = new double[FftSize];
        for (var i = 0; i < taps; i++)
        {
            var x = (i - (ZeroCrossings * Oversampling)) / (double)Oversampling;
            var sinc = x == 0 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
            var window = 0.42 - (0.5 * Math.Cos(2 * Math.PI * i / (taps - 1))) + (0.08 * Math.Cos(4 * Math.PI * i / (taps - 1)));
            re[i] = sinc * window;
        }

        // Minimum phase through the real cepstrum: log|H| → cepstrum → fold → exp → impulse.
        Fft(re, im, inverse: false);
        for (var i = 0; i < FftSize; i++)
        {
            re[i] = Math.Log(Math.Max(Math.Sqrt((re[i] * re[i]) + (im[i] * im[i])), 1e-20));
            im[i] = 0;
        }

        Fft(re, im, inverse: true);
        for (var i = 1; i < FftSize / 2; i++)
        {
            re[i] *= 2;
            im[i] = 0;
        }

        for (var i = (FftSize / 2) + 1; i < FftSize; i++)
        {
            re[i] = 0;
            im[i] = 0;
        }

        im[0] = 0;
        im[FftSize / 2] = 0;
        Fft(re, im, inverse: false);
        for (var i = 0; i < FftSize; i++)
        {
            var magnitude = Math.Exp(re[i]);
            var (sin, cos) = Math.SinCos(im[i]);
            re[i] = magnitude * cos;
            im[i] = magnitude * sin;
        }

        Fft(re, im, inverse: true);

        // Integrate to a step that settles at 1; its time axis is in samples: index / (Oversampling × Cutoff).
        var step = new double[taps];
        var sum = 0.0;
        for (var i = 0; i < taps; i++)
        {
            sum += re[i];
            step[i] = sum;
        }

        for (var i = 0; i < taps; i++)
        {
            step[i] /= sum;
        }

        var gridLength = (Length * Phases) + 1;
        var residual = new double[gridLength];
        var rate = Oversampling * Cutoff;
        for (var g = 0; g < gridLength; g++)
        {
            var position = g / (double)Phases * rate;
            var index = (int)position;
            var value = index + 1 < taps ? step[index] + ((position - index) * (step[index + 1] - step[index])) : 1.0;
            residual[g] = value - 1.0;
        }

        var ramp = new double[gridLength];
        for (var g = 1; g < gridLength; g++)
        {
            ramp[g] = ramp[g - 1] + (0.5 * (residual[g] + residual[g - 1]) / Phases);
        }

        var tail = ramp[gridLength - 1];
        var stepRows = new float[(Phases + 1) * Length];
        var rampRows = new float[(Phases + 1) * Length];
        for (var j = 0; j <= Phases; j++)
        {
            for (var k = 0; k < Length; k++)
            {
                var g = (k * Phases) + j;
                stepRows[(j * Length) + k] = g < gridLength ? (float)residual[g] : 0f;
                rampRows[(j * Length) + k] = g < gridLength ? (float)(ramp[g] - tail) : 0f;
            }
        }

        return (stepRows, rampRows, (float)tail);
    }

    /// <summary>In-place iterative radix-2 complex FFT (inverse scaled by 1/N).</summary>
    private static void Fft(double[] re, double[] im, bool inverse)
    {
        var n = re.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }

            j ^= bit;
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        for (var length = 2; length <= n; length <<= 1)
        {
            var angle = (inverse ? 2 : -2) * Math.PI / length;
            var (wSin, wCos) = Math.SinCos(angle);
            for (var start = 0; start < n; start += length)
            {
                double cr = 1, ci = 0;
                for (var k = 0; k < length / 2; k++)
                {
                    var a = start + k;
                    var b = a + (length / 2);
                    var tr = (re[b] * cr) - (im[b] * ci);
                    var ti = (re[b] * ci) + (im[b] * cr);
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                    var next = (cr * wCos) - (ci * wSin);
                    ci = (cr * wSin) + (ci * wCos);
                    cr = next;
                }
            }
        }

        if (inverse)
        {
            for (var i = 0; i < n; i++)
            {
                re[i] /= n;
                im[i] /= n;
            }
        }
    }
}
