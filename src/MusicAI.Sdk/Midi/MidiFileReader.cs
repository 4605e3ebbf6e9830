using System.Buffers.Binary;
using System.Text;

namespace MusicAI.Sdk.Midi;

/// <summary>
/// Reads Standard MIDI Files (format 0 or 1) back into <see cref="MidiFile"/>: notes in seconds through the file's
/// tempo map, track names, first program change, drum channel. Used to verify what the writers produce.
/// </summary>
internal static class MidiFileReader
{
    public static MidiFile Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream);
    }

    public static MidiFile Read(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var data = copy.GetBuffer().AsSpan(0, (int)copy.Length);
        if (data.Length < 14 || !data[..4].SequenceEqual("MThd"u8))
        {
            throw new InvalidDataException("Not a Standard MIDI File: the 'MThd' header is missing.");
        }

        var headerLength = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
        var format = BinaryPrimitives.ReadInt16BigEndian(data[8..]);
        var trackCount = BinaryPrimitives.ReadInt16BigEndian(data[10..]);
        int division = BinaryPrimitives.ReadInt16BigEndian(data[12..]);
        if (format is not (0 or 1) || division <= 0 || headerLength < 6)
        {
            throw new InvalidDataException($"Unsupported MIDI file: format {format}, division {division}.");
        }

        var position = 8 + headerLength;
        var rawTracks = new List<RawTrack>();
        var tempoChanges = new List<(long Tick, int MicrosPerQuarter)>();
        int beatsPerBar = 4, beatUnit = 4;
        for (var t = 0; t < trackCount; t++)
        {
            if (position + 8 > data.Length || !data.Slice(position, 4).SequenceEqual("MTrk"u8))
            {
                throw new InvalidDataException($"Track {t} has no 'MTrk' chunk.");
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(data[(position + 4)..]);
            if (length < 0 || position + 8 + length > data.Length)
            {
                throw new InvalidDataException($"Track {t} claims {length} bytes, past the end of the file.");
            }

            var raw = ParseTrack(data.Slice(position + 8, length), tempoChanges, ref beatsPerBar, ref beatUnit);
            rawTracks.Add(raw);
            position += 8 + length;
        }

        tempoChanges.Sort((a, b) => a.Tick.CompareTo(b.Tick));
        if (tempoChanges.Count == 0 || tempoChanges[0].Tick != 0)
        {
            tempoChanges.Insert(0, (0, 500_000));
        }

        double TickToSeconds(long tick)
        {
            double seconds = 0;
            for (var i = 0; i < tempoChanges.Count; i++)
            {
                var segmentStart = tempoChanges[i].Tick;
                var segmentEnd = i + 1 < tempoChanges.Count ? tempoChanges[i + 1].Tick : long.MaxValue;
                if (tick <= segmentStart)
                {
                    break;
                }

                var ticks = Math.Min(tick, segmentEnd) - segmentStart;
                seconds += ticks * tempoChanges[i].MicrosPerQuarter / 1e6 / division;
            }

            return seconds;
        }

        var tracks = new List<MidiTrack>();
        foreach (var raw in rawTracks.Where(r => r.Notes.Count > 0 || r.Name is not null && r.Program is not null))
        {
            var notes = raw.Notes.Select(n => new MidiNote(n.Pitch, TickToSeconds(n.Start), TickToSeconds(n.End) - TickToSeconds(n.Start), n.Velocity));
            tracks.Add(new MidiTrack(raw.Name ?? string.Empty, notes, raw.Program ?? 0, raw.Channel == 9));
        }

        return new MidiFile(tracks, 60_000_000.0 / tempoChanges[0].MicrosPerQuarter, beatsPerBar, beatUnit, division);
    }

    private static RawTrack ParseTrack(ReadOnlySpan<byte> data, List<(long, int)> tempoChanges, ref int beatsPerBar, ref int beatUnit)
    {
        var track = new RawTrack();
        var open = new Dictionary<(int Channel, int Pitch), (long Start, int Velocity)>();
        long tick = 0;
        var i = 0;
        byte status = 0;
        while (i < data.Length)
        {
            tick += ReadVarLen(data, ref i);
            if (i >= data.Length)
            {
                throw new InvalidDataException("A track ends inside an event.");
            }

            if ((data[i] & 0x80) != 0)
            {
                status = data[i++];
            }
            else if (status == 0)
            {
                throw new InvalidDataException("Running status without a previous status byte.");
            }

            if (status == 0xFF)
            {
                var type = data[i++];
                var length = (int)ReadVarLen(data, ref i);
                var payload = data.Slice(i, length);
                i += length;
                switch (type)
                {
                    case 0x03:
                        track.Name ??= Encoding.UTF8.GetString(payload);
                        break;
                    case 0x51:
                        tempoChanges.Add((tick, (payload[0] << 16) | (payload[1] << 8) | payload[2]));
                        break;
                    case 0x58:
                        beatsPerBar = payload[0];
                        beatUnit = 1 << payload[1];
                        break;
                    case 0x2F:
                        return track;
                }

                status = 0;
                continue;
            }

            if (status is 0xF0 or 0xF7)
            {
                i += (int)ReadVarLen(data, ref i);
                status = 0;
                continue;
            }

            var kind = status & 0xF0;
            var channel = status & 0x0F;
            var a = data[i++];
            var b = kind is 0xC0 or 0xD0 ? (byte)0 : data[i++];
            switch (kind)
            {
                case 0x90 when b > 0:
                    track.Channel ??= channel;
                    open[(channel, a)] = (tick, b);
                    break;
                case 0x80:
                case 0x90:
                    if (open.Remove((channel, a), out var on))
                    {
                        track.Notes.Add((a, on.Start, tick, on.Velocity));
                    }

                    break;
                case 0xC0:
                    track.Program ??= a;
                    track.Channel ??= channel;
                    break;
            }
        }

        return track;
    }

    private static long ReadVarLen(ReadOnlySpan<byte> data, ref int i)
    {
        long value = 0;
        for (var n = 0; n < 4; n++)
        {
            if (i >= data.Length)
            {
                throw new InvalidDataException("A variable-length number runs past the end of its track.");
            }

            var b = data[i++];
            value = (value << 7) | (uint)(b & 0x7F);
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("A variable-length number is longer than 4 bytes.");
    }

    private sealed class RawTrack
    {
        public string? Name { get; set; }

        public int? Program { get; set; }

        public int? Channel { get; set; }

        public List<(int Pitch, long Start, long End, int Velocity)> Notes { get; } = [];
    }
}
