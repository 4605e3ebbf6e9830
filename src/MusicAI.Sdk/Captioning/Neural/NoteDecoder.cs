namespace MusicAI.Sdk.Captioning.Neural;

/// <summary>
/// Turns basic-pitch note and onset activations into note events, exactly as <c>output_to_notes_polyphonic</c> in
/// <c>basic_pitch/note_creation.py</c> (model-contracts.md §6.3).
/// </summary>
/// <remarks>
/// <para>Steps: optional frequency limits (bins outside are zeroed in both matrices); inferred onsets (the smaller of
/// the one- and two-frame rises of the note activations, clipped at 0, first two frames 0, rescaled to the onset
/// maximum, then the element-wise maximum with the onsets, in double precision as numpy computes it); onset peaks
/// (strict local maxima in time, as <c>scipy.signal.argrelmax(axis=0)</c>) at or above the onset threshold, visited
/// backwards in time (and from high to low pitch within a frame); each note extends while the remaining energy stays
/// at or above the frame threshold, tolerating <see cref="NoteDecodingSettings.EnergyTolerance"/> consecutive frames
/// below it; notes of <see cref="NoteDecodingSettings.MinimumNoteFrames"/> frames or fewer are dropped; the note's
/// bin and its two neighbours are cleared in the remaining energy. Then the "melodia trick": while any remaining
/// energy exceeds the frame threshold, take the global maximum (first in row-major order on ties), extend forward and
/// backward with the same tolerance (clearing as it goes) and keep notes longer than the minimum.</para>
/// <para>The global maximum is kept in a lazily invalidated max-heap rather than rescanned per note (remaining energy
/// only ever drops to zero), which gives the same sequence as <c>np.argmax</c> in O(n log n).</para>
/// <para>Two deliberate deviations, both for degenerate input only: when the note activations never rise (the
/// rescaling would divide 0 by 0 and make every onset NaN in numpy), the predicted onsets are used unchanged; and a
/// frequency limit below bin 0 clears every bin (numpy's negative slice index would clear the wrong end).</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
internal static class NoteDecoder
{
    /// <summary>Decodes note events in the reference's order (onset notes backwards in time, then melodia notes).</summary>
    /// <param name="activations">Stitched model outputs.</param>
    /// <param name="settings">Thresholds and switches.</param>
    /// <returns>Events in frames; convert with <see cref="BasicPitch.FrameToSeconds"/>.</returns>
    public static List<NoteEvent> Decode(BasicPitchActivations activations, NoteDecodingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentNullException.ThrowIfNull(settings);
        const int bins = BasicPitch.PitchCount;
        var frameCount = activations.FrameCount;
        var events = new List<NoteEvent>();
        if (frameCount == 0)
        {
            return events;
        }

        // The activations are only read, except that frequency limits zero bins (in copies, not the caller's arrays).
        var frames = activations.Note;
        var predictedOnsets = activations.Onset;
        if (settings.MinimumFrequency is not null || settings.MaximumFrequency is not null)
        {
            frames = (float[])frames.Clone();
            predictedOnsets = (float[])predictedOnsets.Clone();
            ConstrainFrequency(frames, predictedOnsets, settings.MinimumFrequency, settings.MaximumFrequency);
        }
        var onsets = settings.InferOnsets ? InferOnsets(predictedOnsets, frames, frameCount) : Array.ConvertAll(predictedOnsets, v => (double)v);

        var remaining = (float[])frames.Clone();
        var frameThreshold = settings.FrameThreshold;
        var tolerance = settings.EnergyTolerance;
        var minimumLength = settings.MinimumNoteFrames;

        // np.where(peak_mat >= onset_thresh) lists cells in row-major order; the reference walks that list reversed.
        for (var t = frameCount - 1; t >= 0; t--)
        {
            for (var f = bins - 1; f >= 0; f--)
            {
                var isPeak = t > 0 && t < frameCount - 1
                    && onsets[(t * bins) + f] > onsets[((t - 1) * bins) + f]
                    && onsets[(t * bins) + f] > onsets[((t + 1) * bins) + f];
                var peakValue = isPeak ? onsets[(t * bins) + f] : 0.0;
                if (peakValue < settings.OnsetThreshold || t >= frameCount - 1)
                {
                    continue;
                }

                var i = t + 1;
                var k = 0;
                while (i < frameCount - 1 && k < tolerance)
                {
                    k = remaining[(i * bins) + f] < frameThreshold ? k + 1 : 0;
                    i++;
                }

                i -= k;
                if (i - t <= minimumLength)
                {
                    continue;
                }

                for (var r = t; r < i; r++)
                {
                    ClearAround(remaining, r, f);
                }

                events.Add(new NoteEvent(t, i, f + BasicPitch.MidiOffset, Mean(frames, t, i, f)));
            }
        }

        if (settings.MelodiaTrick)
        {
            AddMelodiaNotes(frames, remaining, frameCount, settings, events);
        }

        return events;
    }

    /// <summary>Number of frames for a minimum note length in milliseconds: <c>round(ms/1000 · 22,050/256)</c>, halves to even as numpy.</summary>
    public static int MillisecondsToFrames(double milliseconds) =>
        (int)Math.Round(milliseconds / 1000 * ((double)BasicPitch.SampleRate / BasicPitch.FftHop), MidpointRounding.ToEven);

    private static void AddMelodiaNotes(float[] frames, float[] remaining, int frameCount, NoteDecodingSettings settings, List<NoteEvent> events)
    {
        const int bins = BasicPitch.PitchCount;
        var threshold = settings.FrameThreshold;
        var tolerance = settings.EnergyTolerance;

        // Max-heap on (value, lowest flat index first): the top entry whose cell still holds its value is np.argmax.
        var heap = new PriorityQueue<int, (float Value, int Index)>(Comparer<(float Value, int Index)>.Create(
            static (a, b) => a.Value != b.Value ? b.Value.CompareTo(a.Value) : a.Index.CompareTo(b.Index)));
        for (var index = 0; index < remaining.Length; index++)
        {
            if (remaining[index] > threshold)
            {
                heap.Enqueue(index, (remaining[index], index));
            }
        }

        while (heap.TryDequeue(out var top, out var priority))
        {
            if (remaining[top] != priority.Value)
            {
                continue; // cleared since it was queued
            }

            var middle = top / bins;
            var f = top % bins;
            remaining[top] = 0;

            var i = middle + 1;
            var k = 0;
            while (i < frameCount - 1 && k < tolerance)
            {
                k = remaining[(i * bins) + f] < threshold ? k + 1 : 0;
                ClearAround(remaining, i, f);
                i++;
            }

            var end = i - 1 - k;

            i = middle - 1;
            k = 0;
            while (i > 0 && k < tolerance)
            {
                k = remaining[(i * bins) + f] < threshold ? k + 1 : 0;
                ClearAround(remaining, i, f);
                i--;
            }

            var start = i + 1 + k;
            if (end - start <= settings.MinimumNoteFrames)
            {
                continue;
            }

            events.Add(new NoteEvent(start, end, f + BasicPitch.MidiOffset, Mean(frames, start, end, f)));
        }
    }

    private static double[] InferOnsets(float[] onsets, float[] frames, int frameCount)
    {
        const int bins = BasicPitch.PitchCount;
        var frameDiff = new double[frames.Length];
        var maxDiff = 0.0;
        for (var t = 2; t < frameCount; t++)
        {
            for (var f = 0; f < bins; f++)
            {
                var current = (double)frames[(t * bins) + f];
                var diff = Math.Min(current - frames[((t - 1) * bins) + f], current - frames[((t - 2) * bins) + f]);
                if (diff > 0)
                {
                    frameDiff[(t * bins) + f] = diff;
                    maxDiff = Math.Max(maxDiff, diff);
                }
            }
        }

        var maxOnset = (double)onsets.Max();
        var result = new double[onsets.Length];
        for (var j = 0; j < result.Length; j++)
        {
            var rescaled = maxDiff > 0 ? maxOnset * frameDiff[j] / maxDiff : 0.0;
            result[j] = Math.Max(onsets[j], rescaled);
        }

        return result;
    }

    private static void ConstrainFrequency(float[] frames, float[] onsets, double? minimumHz, double? maximumHz)
    {
        const int bins = BasicPitch.PitchCount;
        var from = minimumHz is { } low ? Math.Clamp(BinOf(low), 0, bins) : 0;
        var to = maximumHz is { } high ? Math.Clamp(BinOf(high), 0, bins) : bins;
        for (var offset = 0; offset < frames.Length; offset += bins)
        {
            for (var f = 0; f < bins; f++)
            {
                if (f < from || f >= to)
                {
                    frames[offset + f] = 0;
                    onsets[offset + f] = 0;
                }
            }
        }
    }

    /// <summary><c>int(round(hz_to_midi(hz) − 21))</c>, halves to even.</summary>
    private static int BinOf(double hz) =>
        (int)Math.Round((12 * (Math.Log2(hz) - Math.Log2(440.0))) + 69 - BasicPitch.MidiOffset, MidpointRounding.ToEven);

    private static void ClearAround(float[] remaining, int frame, int f)
    {
        const int bins = BasicPitch.PitchCount;
        var row = frame * bins;
        remaining[row + f] = 0;
        if (f < bins - 1)
        {
            remaining[row + f + 1] = 0;
        }

        if (f > 0)
        {
            remaining[row + f - 1] = 0;
        }
    }

    private static float Mean(float[] frames, int start, int end, int f)
    {
        var sum = 0.0;
        for (var t = start; t < end; t++)
        {
            sum += frames[(t * BasicPitch.PitchCount) + f];
        }

        return (float)(sum / (end - start));
    }
}
