using System.Numerics.Tensors;

namespace MusicAI.Sdk.Separation.Query;

/// <summary>
/// Non-negative matrix factorisation with the generalised Kullback-Leibler divergence (Lee and Seung's multiplicative
/// updates): <c>V ≈ H·W</c> with V frames × bins, H frames × components (activations), W components × bins (spectral
/// bases, each normalised to sum 1). Some bases can be held fixed (learnt from an example) while the others adapt.
/// </summary>
/// <remarks>
/// Row-major spans throughout (a frame's spectrum, a basis, a frame's activations are contiguous), so every product is a
/// run of <see cref="TensorPrimitives"/> dot products or multiply-adds. Deterministic: initial values come from a
/// seeded generator. Not thread-safe (instances hold scratch).
/// </remarks>
internal sealed class KlNmf(int bins)
{
    private const float Epsilon = 1e-9f;

    private float[] _model = [];
    private float[] _ratio = [];
    private float[] _numerator = [];
    private float[] _denominator = [];

    /// <summary>Gets the bins per spectrum.</summary>
    public int Bins { get; } = bins;

    /// <summary>Fills bases or activations with seeded positive values.</summary>
    public static void Initialise(Span<float> values, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = 0.5f + (float)random.NextDouble();
        }
    }

    /// <summary>Scales every basis (row of <paramref name="bases"/>) to sum 1, moving the scale into the activations.</summary>
    public void Normalise(Span<float> bases, int components, Span<float> activations, int frames, int firstComponent = 0)
    {
        for (var k = firstComponent; k < components; k++)
        {
            var basis = bases.Slice(k * Bins, Bins);
            var sum = TensorPrimitives.Sum(basis);
            if (sum <= 0)
            {
                continue;
            }

            TensorPrimitives.Divide(basis, sum, basis);
            for (var t = 0; t < frames; t++)
            {
                activations[(t * components) + k] *= sum;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="iterations"/> multiplicative updates of the activations and of bases
    /// <c>[firstFree, components)</c> (bases before <paramref name="firstFree"/> stay fixed).
    /// </summary>
    /// <param name="spectra">V: frames × bins magnitudes.</param>
    /// <param name="frames">Number of frames.</param>
    /// <param name="bases">W: components × bins, rows summing to 1.</param>
    /// <param name="components">Number of components.</param>
    /// <param name="activations">H: frames × components, updated in place.</param>
    /// <param name="firstFree">The first basis that is learnt.</param>
    /// <param name="iterations">Number of updates.</param>
    public void Fit(ReadOnlySpan<float> spectra, int frames, Span<float> bases, int components, Span<float> activations, int firstFree, int iterations)
    {
        Ensure(frames, components);
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            // H ← H ⊙ (Wᵀ(V ⊘ WH)) ⊘ (Wᵀ1).
            Ratio(spectra, frames, bases, components, activations);
            var sums = _denominator.AsSpan(0, components);
            for (var k = 0; k < components; k++)
            {
                sums[k] = Math.Max(TensorPrimitives.Sum(bases.Slice(k * Bins, Bins)), Epsilon);
            }

            for (var t = 0; t < frames; t++)
            {
                var ratio = _ratio.AsSpan(t * Bins, Bins);
                var h = activations.Slice(t * components, components);
                for (var k = 0; k < components; k++)
                {
                    h[k] *= TensorPrimitives.Dot(bases.Slice(k * Bins, Bins), ratio) / sums[k];
                }
            }

            if (firstFree >= components)
            {
                continue;
            }

            // W ← W ⊙ ((V ⊘ WH)ᵀH) ⊘ (1ᵀH) for the free bases, then renormalise.
            Ratio(spectra, frames, bases, components, activations);
            var free = components - firstFree;
            var numerator = _numerator.AsSpan(0, free * Bins);
            numerator.Clear();
            var denominator = _denominator.AsSpan(0, free);
            denominator.Clear();
            for (var t = 0; t < frames; t++)
            {
                var ratio = _ratio.AsSpan(t * Bins, Bins);
                for (var k = firstFree; k < components; k++)
                {
                    var h = activations[(t * components) + k];
                    var row = numerator.Slice((k - firstFree) * Bins, Bins);
                    TensorPrimitives.MultiplyAdd(ratio, h, row, row);
                    denominator[k - firstFree] += h;
                }
            }

            for (var k = firstFree; k < components; k++)
            {
                var basis = bases.Slice(k * Bins, Bins);
                TensorPrimitives.Multiply(basis, numerator.Slice((k - firstFree) * Bins, Bins), basis);
                TensorPrimitives.Divide(basis, Math.Max(denominator[k - firstFree], Epsilon), basis);
            }

            Normalise(bases, components, activations, frames, firstFree);
        }
    }

    /// <summary>Writes the model spectrum of components <c>[from, to)</c>: frames × bins.</summary>
    public void Reconstruct(ReadOnlySpan<float> bases, int components, ReadOnlySpan<float> activations, int frames, int from, int to, Span<float> destination)
    {
        for (var t = 0; t < frames; t++)
        {
            var row = destination.Slice(t * Bins, Bins);
            row.Clear();
            for (var k = from; k < to; k++)
            {
                var h = activations[(t * components) + k];
                if (h != 0)
                {
                    TensorPrimitives.MultiplyAdd(bases.Slice(k * Bins, Bins), h, row, row);
                }
            }
        }
    }

    /// <summary>The KL divergence D(V ‖ WH), for tests (it must not increase over updates).</summary>
    public double Divergence(ReadOnlySpan<float> spectra, int frames, ReadOnlySpan<float> bases, int components, ReadOnlySpan<float> activations)
    {
        Ensure(frames, components);
        var model = _model.AsSpan(0, frames * Bins);
        Reconstruct(bases, components, activations, frames, 0, components, model);
        double divergence = 0;
        for (var i = 0; i < model.Length; i++)
        {
            double v = spectra[i], m = model[i] + Epsilon;
            divergence += (v > 0 ? v * Math.Log((v + Epsilon) / m) : 0) - v + m;
        }

        return divergence;
    }

    private void Ratio(ReadOnlySpan<float> spectra, int frames, ReadOnlySpan<float> bases, int components, ReadOnlySpan<float> activations)
    {
        var model = _model.AsSpan(0, frames * Bins);
        Reconstruct(bases, components, activations, frames, 0, components, model);
        TensorPrimitives.Add(model, Epsilon, model);
        TensorPrimitives.Divide(spectra[..model.Length], model, _ratio.AsSpan(0, model.Length));
    }

    private void Ensure(int frames, int components)
    {
        if (_model.Length < frames * Bins)
        {
            _model = new float[frames * Bins];
            _ratio = new float[frames * Bins];
        }

        if (_numerator.Length < components * Bins)
        {
            _numerator = new float[components * Bins];
            _denominator = new float[components];
        }
    }
}
