using System.Globalization;

namespace MusicAI.Sdk.Runtime;

/// <summary>
/// One dimension of a tensor signature: a fixed size, or a dynamic one (size -1) that may carry a symbolic name
/// such as <c>batch</c>.
/// </summary>
/// <param name="Size">The fixed size, or -1 when the dimension is dynamic.</param>
/// <param name="Symbol">The symbolic name of a dynamic dimension, or <see langword="null"/>.</param>
internal readonly record struct TensorDimension(long Size, string? Symbol)
{
    /// <summary>Gets a value indicating whether the dimension has a fixed size.</summary>
    public bool IsFixed => Size >= 0;

    /// <summary>A fixed-size dimension.</summary>
    public static TensorDimension Fixed(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return new(size, null);
    }

    /// <summary>A dynamic dimension, optionally named (<c>batch</c>, <c>samples</c>...).</summary>
    public static TensorDimension Dynamic(string? symbol = null) => new(-1, string.IsNullOrEmpty(symbol) ? null : symbol);

    /// <summary>Formats as the size, the symbol, or <c>?</c> for an unnamed dynamic dimension.</summary>
    public override string ToString() =>
        IsFixed ? Size.ToString(CultureInfo.InvariantCulture) : Symbol ?? "?";
}
