using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace MusicAI.Sdk.Internal;

/// <summary>
/// Throw helpers for span kernels: validation happens once per call, and the throwing code stays out of the
/// (inlined) hot path.
/// </summary>
internal static class ThrowHelper
{
    /// <summary>Throws when a destination of <paramref name="destinationLength"/> elements is shorter than <paramref name="required"/>.</summary>
    public static void ThrowIfDestinationTooShort(int destinationLength, int required, [CallerArgumentExpression(nameof(destinationLength))] string? name = null)
    {
        if (destinationLength < required)
        {
            ThrowDestinationTooShort(destinationLength, required, name);
        }
    }

    /// <summary>Throws when two spans that must have the same length do not.</summary>
    public static void ThrowIfLengthsDiffer(int length, int otherLength, [CallerArgumentExpression(nameof(otherLength))] string? name = null)
    {
        if (length != otherLength)
        {
            ThrowLengthsDiffer(length, otherLength, name);
        }
    }

    /// <summary>Throws when an input span is shorter than <paramref name="required"/>.</summary>
    public static void ThrowIfInputTooShort(int inputLength, int required, [CallerArgumentExpression(nameof(inputLength))] string? name = null)
    {
        if (inputLength < required)
        {
            ThrowInputTooShort(inputLength, required, name);
        }
    }

    [DoesNotReturn]
    private static void ThrowDestinationTooShort(int length, int required, string? name) =>
        throw new ArgumentException($"Destination is too short: {length} elements, {required} needed. Allocate at least {required}.", name);

    [DoesNotReturn]
    private static void ThrowLengthsDiffer(int length, int other, string? name) =>
        throw new ArgumentException($"Span lengths differ ({length} and {other}); pass spans of equal length.", name);

    [DoesNotReturn]
    private static void ThrowInputTooShort(int length, int required, string? name) =>
        throw new ArgumentException($"Input is too short: {length} elements, {required} needed.", name);
}
