namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>
/// Median of the last k values pushed (k odd), kept as a sorted window so each step costs O(k) without allocation.
/// Used by the median-filter harmonic/percussive split.
/// </summary>
internal struct SlidingMedian
{
    private readonly float[] _sorted;
    private readonly float[] _ring;
    private int _count;
    private int _next;

    /// <summary>Creates an empty window of <paramref name="size"/> values.</summary>
    public SlidingMedian(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        _sorted = new float[size];
        _ring = new float[size];
        _count = 0;
        _next = 0;
    }

    /// <summary>Gets the median of the values in the window (the lower middle one for an even count; 0 when empty).</summary>
    public readonly float Median => _count == 0 ? 0f : _sorted[(_count - 1) / 2];

    /// <summary>Empties the window.</summary>
    public void Clear()
    {
        _count = 0;
        _next = 0;
    }

    /// <summary>Pushes a value; when the window is full the oldest value leaves it.</summary>
    public void Push(float value)
    {
        if (_count == _ring.Length)
        {
            Remove(_ring[_next]);
        }

        _ring[_next] = value;
        _next = (_next + 1) % _ring.Length;
        Insert(value);
    }

    /// <summary>Median of <paramref name="values"/> (a scratch copy is sorted; the input is untouched).</summary>
    public static float Of(ReadOnlySpan<float> values, Span<float> scratch)
    {
        if (values.IsEmpty)
        {
            return 0f;
        }

        var copy = scratch[..values.Length];
        values.CopyTo(copy);
        copy.Sort();
        return copy[(copy.Length - 1) / 2];
    }

    private void Insert(float value)
    {
        var i = _count;
        while (i > 0 && _sorted[i - 1] > value)
        {
            _sorted[i] = _sorted[i - 1];
            i--;
        }

        _sorted[i] = value;
        _count++;
    }

    private void Remove(float value)
    {
        var i = Array.IndexOf(_sorted, value, 0, _count);
        if (i < 0)
        {
            return;
        }

        Array.Copy(_sorted, i + 1, _sorted, i, _count - i - 1);
        _count--;
    }
}
