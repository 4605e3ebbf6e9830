namespace MusicAI.Sdk.Generation.Composition;

/// <summary>
/// The composer's pseudo-random generator: xoshiro256** (Blackman and Vigna) seeded through SplitMix64.
/// Deterministic on every platform and runtime; no shared state. Reusable without allocation through
/// <see cref="Reset(long, RandomPurpose, int)"/>.
/// </summary>
/// <remarks>
/// Each musical decision draws from its own stream, derived from (seed, purpose, index), so that changing one
/// part of a request (muting drums, adding strings, a new tempo) leaves the other parts' choices unchanged.
/// </remarks>
internal sealed class SeededRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public SeededRandom(long seed, RandomPurpose purpose = RandomPurpose.General, int index = 0) => Reset(seed, purpose, index);

    /// <summary>Re-seeds this generator for a (seed, purpose, index) stream.</summary>
    public void Reset(long seed, RandomPurpose purpose, int index)
    {
        var x = unchecked((ulong)seed ^ ((ulong)(int)purpose * 0xD1B54A32D192ED03UL) ^ ((ulong)(uint)index * 0x8CB92BA72F3D8DD7UL));
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
        if ((_s0 | _s1 | _s2 | _s3) == 0)
        {
            _s0 = 1;
        }
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive)
    {
        if (maxExclusive <= 1)
        {
            return 0;
        }

        // Lemire's multiply-shift; the bias for the small ranges used here is below 2^-32.
        return (int)((NextUInt64() >> 32) * (ulong)maxExclusive >> 32);
    }

    /// <summary>A uniform integer in [<paramref name="min"/>, <paramref name="maxInclusive"/>].</summary>
    public int Next(int min, int maxInclusive) => min + Next(maxInclusive - min + 1);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Picks an index with probability proportional to its weight (weights ≥ 0, at least one &gt; 0).</summary>
    public int PickWeighted(ReadOnlySpan<double> weights)
    {
        double total = 0;
        foreach (var w in weights)
        {
            total += w;
        }

        var r = NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            r -= weights[i];
            if (r < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    /// <summary>A stable 64-bit FNV-1a hash of text (the same on every run and platform, unlike string.GetHashCode).</summary>
    public static long StableHash(string? text)
    {
        var hash = 0xCBF29CE484222325UL;
        if (text is not null)
        {
            foreach (var c in text)
            {
                hash = (hash ^ c) * 0x100000001B3UL;
            }
        }

        return unchecked((long)hash);
    }

    private static ulong SplitMix64(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
