using System.Buffers.Binary;
using System.Text;

namespace MusicAI.Sdk.Midi;

/// <summary>
/// A Standard MIDI File (format 1): one conductor track with tempo and metre, then one track per part.
/// </summary>
/// <remarks>
/// <para>Notes are timed in seconds and converted to ticks at a constant tempo (<see cref="TempoBpm"/>), with
/// <see cref="TicksPerQuarterNote"/> ticks per beat. Melodic tracks get MIDI channels 1–9 and 11–16 in order (wrapping
/// after 15 tracks); drum tracks use channel 10, as General MIDI expects.</para>
/// <para>Where two notes of the same pitch overlap in one track, the earlier one is cut where the later one starts
/// (MIDI cannot sound one key twice on one channel).</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class MidiFile
{
    /// <summary>The default resolution, in ticks per quarter note.</summary>
    public const int DefaultTicksPerQuarterNote = 480;

    private const byte DrumChannel = 9;

    /// <summary>
    /// Creates a MIDI file description.
    /// </summary>
    /// <param name="tracks">The parts, written in this order.</param>
    /// <param name="tempoBpm">Tempo in quarter notes per minute, 4 to 1000. Default 120 (what basic-pitch and most DAWs assume).</param>
    /// <param name="beatsPerBar">Time-signature numerator, 1 to 32. Default 4.</param>
    /// <param name="beatUnit">Time-signature denominator: 1, 2, 4, 8, 16 or 32. Default 4.</param>
    /// <param name="ticksPerQuarterNote">Resolution, 24 to 32767. Default 480.</param>
    public MidiFile(IEnumerable<MidiTrack> tracks, double tempoBpm = 120, int beatsPerBar = 4, int beatUnit = 4, int ticksPerQuarterNote = DefaultTicksPerQuarterNote)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        if (!double.IsFinite(tempoBpm) || tempoBpm < 4 || tempoBpm > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(tempoBpm), tempoBpm, "Tempo must be 4 to 1000 BPM.");
        }

        if (beatsPerBar is < 1 or > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(beatsPerBar), beatsPerBar, "Beats per bar must be 1 to 32.");
        }

        if (beatUnit is not (1 or 2 or 4 or 8 or 16 or 32))
        {
            throw new ArgumentOutOfRangeException(nameof(beatUnit), beatUnit, "The beat unit must be 1, 2, 4, 8, 16 or 32.");
        }

        if (ticksPerQuarterNote is < 24 or > 32767)
        {
            throw new ArgumentOutOfRangeException(nameof(ticksPerQuarterNote), ticksPerQuarterNote, "Ticks per quarter note must be 24 to 32767.");
        }

        Tracks = tracks.ToList().AsReadOnly();
        if (Tracks.Any(t => t is null))
        {
            throw new ArgumentException("A track is null.", nameof(tracks));
        }

        if (Tracks.Count > 255)
        {
            throw new ArgumentException($"{Tracks.Count} tracks is more than this writer supports (255).", nameof(tracks));
        }

        TempoBpm = tempoBpm;
        BeatsPerBar = beatsPerBar;
        BeatUnit = beatUnit;
        TicksPerQuarterNote = ticksPerQuarterNote;
    }

    /// <summary>Gets the parts in file order.</summary>
    public IReadOnlyList<MidiTrack> Tracks { get; }

    /// <summary>Gets the tempo in quarter notes per minute.</summary>
    public double TempoBpm { get; }

    /// <summary>Gets the time-signature numerator.</summary>
    public int BeatsPerBar { get; }

    /// <summary>Gets the time-signature denominator.</summary>
    public int BeatUnit { get; }

    /// <summary>Gets the resolution in ticks per quarter note.</summary>
    public int TicksPerQuarterNote { get; }

    /// <summary>
    /// Writes the file to a path, through a temporary file that is renamed into place (no half-written file on failure).
    /// </summary>
    /// <param name="path">The destination; an existing file is replaced.</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var temp = full + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Save(stream);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Writes the file to a stream.</summary>
    /// <param name="stream">A writable stream; it is not closed.</param>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new byte[14];
        "MThd"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 6);
        BinaryPrimitives.WriteInt16BigEndian(header.AsSpan(8), 1);
        BinaryPrimitives.WriteInt16BigEndian(header.AsSpan(10), (short)(Tracks.Count + 1));
        BinaryPrimitives.WriteInt16BigEndian(header.AsSpan(12), (short)TicksPerQuarterNote);
        stream.Write(header);
        WriteChunk(stream, BuildConductorTrack());
        var melodicIndex = 0;
        foreach (var track in Tracks)
        {
            byte channel;
            if (track.IsDrums)
            {
                channel = DrumChannel;
            }
            else
            {
                channel = (byte)(melodicIndex % 15);
                if (channel >= DrumChannel)
                {
                    channel++;
                }

                melodicIndex++;
            }

            WriteChunk(stream, BuildNoteTrack(track, channel));
        }
    }

    /// <summary>Converts seconds to ticks at this file's tempo and resolution.</summary>
    internal long SecondsToTicks(double seconds) => (long)Math.Round(seconds * TempoBpm / 60.0 * TicksPerQuarterNote);

    private static void WriteChunk(Stream stream, MemoryStream body)
    {
        Span<byte> head = stackalloc byte[8];
        "MTrk"u8.CopyTo(head);
        BinaryPrimitives.WriteInt32BigEndian(head[4..], checked((int)body.Length));
        stream.Write(head);
        body.Position = 0;
        body.CopyTo(stream);
    }

    private MemoryStream BuildConductorTrack()
    {
        var body = new MemoryStream();
        WriteVarLen(body, 0);
        body.Write([0xFF, 0x58, 0x04, (byte)BeatsPerBar, (byte)Math.Log2(BeatUnit), 24, 8]);
        var microsPerQuarter = (int)Math.Round(60_000_000.0 / TempoBpm);
        WriteVarLen(body, 0);
        body.Write([0xFF, 0x51, 0x03, (byte)(microsPerQuarter >> 16), (byte)(microsPerQuarter >> 8), (byte)microsPerQuarter]);
        WriteVarLen(body, 0);
        body.Write([0xFF, 0x2F, 0x00]);
        return body;
    }

    private MemoryStream BuildNoteTrack(MidiTrack track, byte channel)
    {
        var body = new MemoryStream();
        WriteVarLen(body, 0);
        var name = Encoding.UTF8.GetBytes(track.Name);
        body.Write([0xFF, 0x03]);
        WriteVarLen(body, name.Length);
        body.Write(name);
        if (!track.IsDrums)
        {
            WriteVarLen(body, 0);
            body.Write([(byte)(0xC0 | channel), (byte)track.Program]);
        }

        var events = new List<(long Tick, bool On, byte Pitch, byte Velocity)>(track.Notes.Count * 2);
        foreach (var (pitch, start, end, velocity) in ResolveOverlaps(track.Notes))
        {
            events.Add((start, true, (byte)pitch, (byte)velocity));
            events.Add((end, false, (byte)pitch, 0));
        }

        // At one tick, note-offs go first so a repeated key is released before it is struck again.
        events.Sort(static (a, b) => a.Tick != b.Tick ? a.Tick.CompareTo(b.Tick) : a.On.CompareTo(b.On) != 0 ? a.On.CompareTo(b.On) : a.Pitch.CompareTo(b.Pitch));
        long previous = 0;
        foreach (var e in events)
        {
            WriteVarLen(body, e.Tick - previous);
            previous = e.Tick;
            body.Write(e.On ? [(byte)(0x90 | channel), e.Pitch, e.Velocity] : [(byte)(0x80 | channel), e.Pitch, (byte)64]);
        }

        WriteVarLen(body, 0);
        body.Write([0xFF, 0x2F, 0x00]);
        return body;
    }

    private List<(int Pitch, long Start, long End, int Velocity)> ResolveOverlaps(IReadOnlyList<MidiNote> notes)
    {
        var result = new List<(int Pitch, long Start, long End, int Velocity)>(notes.Count);
        foreach (var group in notes.GroupBy(n => n.Pitch))
        {
            var ordered = group.Select(n => (n.Pitch, Start: SecondsToTicks(n.Start), End: SecondsToTicks(n.End), n.Velocity))
                .OrderBy(n => n.Start).ThenByDescending(n => n.End).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var note = ordered[i];
                if (i + 1 < ordered.Count && ordered[i + 1].Start == note.Start)
                {
                    // Two strikes of one key at one tick sound as one: keep the longer (ordered first), drop the other.
                    ordered.RemoveAt(i + 1);
                    i--;
                    continue;
                }

                if (i + 1 < ordered.Count && ordered[i + 1].Start < note.End)
                {
                    note.End = ordered[i + 1].Start;
                }

                if (note.End <= note.Start)
                {
                    note.End = note.Start + 1;
                }

                result.Add(note);
            }
        }

        return result;
    }

    private static void WriteVarLen(Stream stream, long value)
    {
        if (value is < 0 or > 0x0FFFFFFF)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "The song is too long for a MIDI delta time at this tempo and resolution.");
        }

        Span<byte> buffer = stackalloc byte[4];
        var count = 0;
        buffer[3] = (byte)(value & 0x7F);
        count++;
        value >>= 7;
        while (value > 0)
        {
            buffer[3 - count] = (byte)((value & 0x7F) | 0x80);
            count++;
            value >>= 7;
        }

        stream.Write(buffer[(4 - count)..]);
    }
}
