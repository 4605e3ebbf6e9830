namespace MusicAI.Sdk.Generation.Theory;

/// <summary>
/// Scale arithmetic for the seven diatonic modes: degrees (0 = tonic, counted in scale steps, any integer, negative
/// below the tonic) to semitones above the tonic, and chord tones built on a degree.
/// </summary>
internal static class Scale
{
    private static readonly int[][] s_intervals =
    [
        [0, 2, 4, 5, 7, 9, 11], // major
        [0, 2, 3, 5, 7, 8, 10], // minor
        [0, 2, 3, 5, 7, 9, 10], // dorian
        [0, 1, 3, 5, 7, 8, 10], // phrygian
        [0, 2, 4, 6, 7, 9, 11], // lydian
        [0, 2, 4, 5, 7, 9, 10], // mixolydian
        [0, 2, 3, 5, 7, 8, 11], // harmonic minor
    ];

    /// <summary>Gets the seven semitone offsets of a mode (a shared table: do not modify).</summary>
    public static ReadOnlySpan<int> Intervals(MusicMode mode) => s_intervals[(int)mode];

    /// <summary>Whether the mode's third is minor.</summary>
    public static bool IsMinorFamily(MusicMode mode) => Intervals(mode)[2] == 3;

    /// <summary>Semitones above the tonic of a scale degree (degree 7 = the tonic an octave up, -1 = the leading note below).</summary>
    public static int Semitones(MusicMode mode, int degree)
    {
        var intervals = s_intervals[(int)mode];
        var octave = FloorDiv(degree, 7);
        return (octave * 12) + intervals[degree - (octave * 7)];
    }

    /// <summary>The pitch class (0–11, relative to the tonic) of a degree.</summary>
    public static int PitchClass(MusicMode mode, int degree) => Mod(Semitones(mode, degree), 12);

    /// <summary>
    /// The degree of a pitch given in semitones above the tonic, or -1 when the pitch is not in the mode.
    /// Degrees are returned in 0..6 (octave removed).
    /// </summary>
    public static int DegreeOfPitchClass(MusicMode mode, int semitones)
    {
        var pc = Mod(semitones, 12);
        var intervals = s_intervals[(int)mode];
        for (var i = 0; i < 7; i++)
        {
            if (intervals[i] == pc)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The nearest degree whose semitone value is closest to <paramref name="semitones"/> (ties go down).</summary>
    public static int NearestDegree(MusicMode mode, int semitones)
    {
        var guess = (int)Math.Floor(semitones * 7.0 / 12.0);
        var best = guess;
        var bestDistance = int.MaxValue;
        for (var d = guess - 2; d <= guess + 2; d++)
        {
            var distance = Math.Abs(Semitones(mode, d) - semitones);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = d;
            }
        }

        return best;
    }

    /// <summary>Floor division for possibly negative numerators.</summary>
    public static int FloorDiv(int a, int b) => a >= 0 ? a / b : -(((-a) + b - 1) / b);

    /// <summary>Non-negative modulo.</summary>
    public static int Mod(int a, int b) => ((a % b) + b) % b;
}
