using System.Numerics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace MusicAI.Sdk.Runtime;

/// <summary>What the CPU offers the SDK's SIMD kernels, as the .NET runtime sees it.</summary>
internal static class CpuFacts
{
    /// <summary>Gets the number of <see cref="float"/> lanes in <see cref="Vector{T}"/> (4 with SSE/NEON, 8 with AVX2, 16 with AVX-512).</summary>
    public static int VectorFloatCount => Vector<float>.Count;

    /// <summary>Lists the instruction sets the JIT may use, for example <c>SSE4.2, AVX, AVX2, FMA</c>.</summary>
    public static IReadOnlyList<string> InstructionSets()
    {
        var sets = new List<string>();
        Add(sets, Sse42.IsSupported, "SSE4.2");
        Add(sets, Avx.IsSupported, "AVX");
        Add(sets, Avx2.IsSupported, "AVX2");
        Add(sets, Fma.IsSupported, "FMA");
        Add(sets, Avx512F.IsSupported, "AVX-512F");
        Add(sets, Avx512BW.IsSupported, "AVX-512BW");
        Add(sets, AdvSimd.IsSupported, "AdvSimd");
        Add(sets, AdvSimd.Arm64.IsSupported, "AdvSimd.Arm64");
        Add(sets, Dp.IsSupported, "DotProd");
        return sets;
    }

    private static void Add(List<string> sets, bool supported, string name)
    {
        if (supported)
        {
            sets.Add(name);
        }
    }
}
