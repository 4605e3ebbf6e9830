namespace MusicAI.Sdk.Separation.Pipeline;

/// <summary>
/// How the requested stems are obtained from an engine's native stems: each requested stem except the residual is a
/// linear combination of the native stems and the mix, computed at the engine's rate; the residual (when the request
/// covers the whole mix) is the mix minus the others, computed at the input's rate so that the stems sum to the mix.
/// </summary>
internal sealed class StemPlan
{
    private static readonly Stem[] s_twoStems = [Stem.Vocals, Stem.Accompaniment];
    private static readonly Stem[] s_fourStems = [Stem.Vocals, Stem.Drums, Stem.Bass, Stem.Other];

    private StemPlan(IReadOnlyList<Stem> requested, Stem? residual, IReadOnlyList<Stem> derived, float[][] weights)
    {
        Requested = requested;
        Residual = residual;
        Derived = derived;
        Weights = weights;
    }

    /// <summary>Gets the stems in the caller's order.</summary>
    public IReadOnlyList<Stem> Requested { get; }

    /// <summary>Gets the stem computed as mix minus the others, or null when the request does not cover the mix.</summary>
    public Stem? Residual { get; }

    /// <summary>Gets the requested stems other than the residual, in the order of <see cref="Weights"/>.</summary>
    public IReadOnlyList<Stem> Derived { get; }

    /// <summary>
    /// Gets, per derived stem, its weights over the engine's native stems followed by one weight for the mix.
    /// </summary>
    public float[][] Weights { get; }

    /// <summary>Gets a value indicating whether a derived stem needs the mix at the engine's rate.</summary>
    public bool NeedsEngineMix => Weights.Any(w => w[^1] != 0);

    /// <summary>
    /// Checks that the requested stems make sense together (no duplicates, no stem that contains another).
    /// </summary>
    /// <exception cref="ArgumentException">The set is empty, repeats a stem, or mixes accompaniment with drums/bass/other.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is not a defined <see cref="Stem"/>.</exception>
    public static Stem[] Validate(ReadOnlySpan<Stem> stems)
    {
        if (stems.IsEmpty)
        {
            throw new ArgumentException("Ask for at least one stem, for example Stems(Stem.Vocals, Stem.Accompaniment).", nameof(stems));
        }

        var seen = new HashSet<Stem>();
        foreach (var stem in stems)
        {
            if (!Enum.IsDefined(stem))
            {
                throw new ArgumentOutOfRangeException(nameof(stems), stem, "Unknown stem.");
            }

            if (!seen.Add(stem))
            {
                throw new ArgumentException($"The stem {StemNames.Name(stem)} is asked for twice.", nameof(stems));
            }
        }

        if (seen.Contains(Stem.Accompaniment) && (seen.Contains(Stem.Drums) || seen.Contains(Stem.Bass) || seen.Contains(Stem.Other)))
        {
            throw new ArgumentException(
                "Accompaniment already contains the drums, bass and other stems: ask for vocals + accompaniment, or for drums, bass, other and vocals.",
                nameof(stems));
        }

        return stems.ToArray();
    }

    /// <summary>Plans a validated request against an engine's native stems.</summary>
    /// <param name="requested">Stems from <see cref="Validate"/>.</param>
    /// <param name="native">The engine's native stems.</param>
    /// <param name="engineName">For messages.</param>
    /// <exception cref="ArgumentException">The engine cannot produce a requested stem.</exception>
    public static StemPlan Create(IReadOnlyList<Stem> requested, IReadOnlyList<Stem> native, string engineName)
    {
        var partition = requested.Contains(Stem.Accompaniment) ? s_twoStems
            : requested.Any(s => s is Stem.Drums or Stem.Bass or Stem.Other) ? s_fourStems
            : null;
        Stem? residual = null;
        if (partition is not null && partition.All(requested.Contains))
        {
            // Prefer a stem the engine does not make itself: then every native stem is used as is.
            residual = partition.Where(s => !native.Contains(s)).Cast<Stem?>().FirstOrDefault()
                ?? (partition == s_twoStems ? Stem.Accompaniment : Stem.Other);
        }

        var derived = requested.Where(s => s != residual).ToArray();
        var weights = new float[derived.Length][];
        for (var i = 0; i < derived.Length; i++)
        {
            weights[i] = Recipe(derived[i], native)
                ?? throw new ArgumentException(
                    $"The separator '{engineName}' produces {string.Join(", ", native.Select(StemNames.Name))}, from which {StemNames.Name(derived[i])} cannot be derived; ask for other stems or use a model that produces it (the built-in separator makes all five).",
                    nameof(requested));
        }

        return new StemPlan(requested, residual, derived, weights);
    }

    private static float[]? Recipe(Stem stem, IReadOnlyList<Stem> native)
    {
        var weights = new float[native.Count + 1];
        var index = IndexOf(native, stem);
        if (index >= 0)
        {
            weights[index] = 1;
            return weights;
        }

        int d = IndexOf(native, Stem.Drums), b = IndexOf(native, Stem.Bass), o = IndexOf(native, Stem.Other);
        int v = IndexOf(native, Stem.Vocals), a = IndexOf(native, Stem.Accompaniment);
        var hasFour = d >= 0 && b >= 0 && o >= 0;
        switch (stem)
        {
            case Stem.Accompaniment when hasFour:
                weights[d] = weights[b] = weights[o] = 1;
                return weights;
            case Stem.Accompaniment when v >= 0:
                weights[^1] = 1;
                weights[v] = -1;
                return weights;
            case Stem.Vocals when a >= 0:
                weights[^1] = 1;
                weights[a] = -1;
                return weights;
            case Stem.Vocals when hasFour:
                weights[^1] = 1;
                weights[d] = weights[b] = weights[o] = -1;
                return weights;
            default:
                return null;
        }
    }

    private static int IndexOf(IReadOnlyList<Stem> stems, Stem stem)
    {
        for (var i = 0; i < stems.Count; i++)
        {
            if (stems[i] == stem)
            {
                return i;
            }
        }

        return -1;
    }
}
