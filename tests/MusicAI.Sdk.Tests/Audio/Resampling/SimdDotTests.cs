using MusicAI.Sdk.Audio.Resampling;

namespace MusicAI.Sdk.Tests.Audio.Resampling;

public sealed class SimdDotTests
{
    [Fact]
    public void MatchesTheScalarOracle_AtEveryLength0To256()
    {
        var random = new Random(11);
        for (var length = 0; length <= 256; length++)
        {
            var a = new float[length + 3];
            var b = new float[length + 3];
            for (var i = 0; i < a.Length; i++)
            {
                a[i] = (float)((random.NextDouble() * 2) - 1);
                b[i] = (float)((random.NextDouble() * 2) - 1);
            }

            for (var offset = 0; offset < 3; offset++)
            {
                var expected = 0.0;
                for (var i = 0; i < length; i++)
                {
                    expected += (double)a[i + offset] * b[i + offset];
                }

                var actual = SimdDot.Dot(a.AsSpan(offset, length), b.AsSpan(offset, length));
                Assert.Equal(expected, actual, 1e-5 * Math.Max(1, Math.Sqrt(length)));
            }
        }
    }

    [Fact]
    public void SummationOrder_DoesNotDependOnAlignment()
    {
        var random = new Random(5);
        var a = new float[300];
        var b = new float[300];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = (float)random.NextDouble();
            b[i] = (float)random.NextDouble();
        }

        var reference = SimdDot.Dot(a.AsSpan(0, 200), b.AsSpan(0, 200));
        for (var shift = 1; shift < 16; shift++)
        {
            var a2 = new float[300];
            var b2 = new float[300];
            a.AsSpan(0, 200).CopyTo(a2.AsSpan(shift));
            b.AsSpan(0, 200).CopyTo(b2.AsSpan(shift));
            Assert.Equal(reference, SimdDot.Dot(a2.AsSpan(shift, 200), b2.AsSpan(shift, 200)));
        }
    }

    [Fact]
    public void ShortSecondOperand_Throws() =>
        Assert.Throws<ArgumentException>(() => SimdDot.Dot(new float[4], new float[3]));
}
