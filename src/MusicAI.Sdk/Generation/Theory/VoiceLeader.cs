using System.Runtime.CompilerServices;

namespace MusicAI.Sdk.Generation.Theory;

/// <summary>
/// Chooses chord voicings with smooth voice leading: among every voicing of the chord inside a pitch range, the one
/// with the least total movement from the previous voicing (voices matched low to high), which keeps common tones
/// where they are. Allocation-free.
/// </summary>
internal static class VoiceLeader
{
    private const int MaxCandidates = 40;

    /// <summary>
    /// Writes a voicing of <paramref name="chord"/> to <paramref name="result"/> (ascending MIDI pitches).
    /// </summary>
    /// <param name="chord">The chord (pitch classes relative to the tonic).</param>
    /// <param name="tonicMidi">The MIDI pitch of the tonic the chord is relative to.</param>
    /// <param name="low">Lowest allowed pitch.</param>
    /// <param name="high">Highest allowed pitch.</param>
    /// <param name="previous">The previous voicing (ascending), or empty for the first chord.</param>
    /// <param name="result">Receives the voicing; its length is the number of voices (3 or 4).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Choose(Chord chord, int tonicMidi, int low, int high, ReadOnlySpan<int> previous, Span<int> result)
    {
        var voices = result.Length;
        if (voices is < 2 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(result), voices, "Voicings have 2 to 4 voices.");
        }

        Span<int> candidates = stackalloc int[MaxCandidates];
        Span<int> toneIndex = stackalloc int[MaxCandidates];
        var count = 0;
        for (var p = low; p <= high && count < MaxCandidates; p++)
        {
            var index = ToneIndex(chord, p - tonicMidi);
            if (index >= 0)
            {
                candidates[count] = p;
                toneIndex[count] = index;
                count++;
            }
        }

        var center = (low + high) / 2.0;
        var best = double.MaxValue;
        Span<int> pick = stackalloc int[4];
        Span<int> chosen = stackalloc int[4];
        var found = false;

        // Enumerate index combinations i0 < i1 < ... (at most C(40, 4) but ranges are ~2 octaves: ~8 candidates).
        var depth = 0;
        pick[0] = -1;
        while (depth >= 0)
        {
            pick[depth]++;
            if (pick[depth] > count - (voices - depth))
            {
                depth--;
                continue;
            }

            if (depth < voices - 1)
            {
                depth++;
                pick[depth] = pick[depth - 1];
                continue;
            }

            var cost = Cost(chord, candidates, toneIndex, pick[..voices], previous, center);
            if (cost < best)
            {
                best = cost;
                pick[..voices].CopyTo(chosen);
                found = true;
            }
        }

        if (!found)
        {
            // The range is too narrow for this many voices: stack the chord tones upwards from the root.
            var root = tonicMidi + chord.Root;
            while (root < low)
            {
                root += 12;
            }

            for (var v = 0; v < voices; v++)
            {
                result[v] = root + Scale.Mod(chord.Tone(v % chord.ToneCount) - chord.Root, 12) + (12 * (v / chord.ToneCount));
            }

            result.Sort();
            return;
        }

        for (var v = 0; v < voices; v++)
        {
            result[v] = candidates[chosen[v]];
        }
    }

    /// <summary>
    /// A root-position close voicing (root in the lowest octave of the range, third and fifth stacked above): the
    /// naive baseline voice leading is measured against.
    /// </summary>
    public static void RootPosition(Chord chord, int tonicMidi, int low, Span<int> result)
    {
        var root = tonicMidi + chord.Root;
        while (root < low)
        {
            root += 12;
        }

        while (root - 12 >= low)
        {
            root -= 12;
        }

        for (var v = 0; v < result.Length; v++)
        {
            result[v] = root + Scale.Mod(chord.Tone(v % chord.ToneCount) - chord.Root, 12) + (12 * (v / chord.ToneCount));
        }
    }

    /// <summary>Total movement between two voicings of equal size (voices matched in order).</summary>
    public static int Movement(ReadOnlySpan<int> from, ReadOnlySpan<int> to)
    {
        var total = 0;
        for (var i = 0; i < Math.Min(from.Length, to.Length); i++)
        {
            total += Math.Abs(to[i] - from[i]);
        }

        return total;
    }

    private static double Cost(Chord chord, ReadOnlySpan<int> candidates, ReadOnlySpan<int> toneIndex, ReadOnlySpan<int> pick, ReadOnlySpan<int> previous, double center)
    {
        var voices = pick.Length;
        var covered = 0;
        var rootCount = 0;
        var thirdCount = 0;
        double sum = 0;
        for (var v = 0; v < voices; v++)
        {
            var t = toneIndex[pick[v]];
            covered |= 1 << t;
            rootCount += t == 0 ? 1 : 0;
            thirdCount += t == 1 ? 1 : 0;
            sum += candidates[pick[v]];
            if (v > 0 && candidates[pick[v]] - candidates[pick[v - 1]] > 12)
            {
                return double.MaxValue; // no gaps wider than an octave between neighbouring voices
            }
        }

        // Required tones: root and third always; the seventh when the chord has one; the fifth when there is room.
        var required = 0b011 | (chord.HasSeventh ? 0b1000 : 0);
        if ((covered & required) != required)
        {
            return double.MaxValue;
        }

        double cost = 0;
        if ((covered & 0b100) == 0 && voices >= chord.ToneCount)
        {
            cost += 3; // the fifth is missing although there are enough voices
        }

        if (thirdCount > 1)
        {
            cost += 4; // doubled third sounds thick
        }

        if (voices > chord.ToneCount && rootCount < 2)
        {
            cost += 1; // prefer doubling the root
        }

        var lowest = candidates[pick[0]];
        if (lowest < 52 && candidates[pick[1]] - lowest < 3)
        {
            cost += 3; // close intervals in a low register are muddy
        }

        var mean = sum / voices;
        if (previous.Length == voices)
        {
            for (var v = 0; v < voices; v++)
            {
                cost += Math.Abs(candidates[pick[v]] - previous[v]);
            }

            cost += 0.2 * Math.Abs(mean - center); // a gentle pull back to the middle of the range: no drift
        }
        else
        {
            cost += Math.Abs(mean - center) + (0.25 * (candidates[pick[voices - 1]] - lowest));
        }

        return cost;
    }

    private static int ToneIndex(Chord chord, int semitones)
    {
        var pc = Scale.Mod(semitones, 12);
        for (var i = 0; i < chord.ToneCount; i++)
        {
            if (chord.Tone(i) == pc)
            {
                return i;
            }
        }

        return -1;
    }
}
