using MusicAI.Sdk.Midi;

namespace MusicAI.Sdk.Tests.Midi;

public sealed class MidiFileTests
{
    [Fact]
    public void Save_WritesTheBytesTheSmfSpecificationPrescribes()
    {
        var file = new MidiFile([new MidiTrack("lead", [new MidiNote(60, 0, 0.5, 100)])], tempoBpm: 120);
        using var stream = new MemoryStream();
        file.Save(stream);

        byte[] expected =
        [
            .. "MThd"u8, 0, 0, 0, 6, 0, 1, 0, 2, 0x01, 0xE0,
            .. "MTrk"u8, 0, 0, 0, 19,
            0, 0xFF, 0x58, 4, 4, 2, 24, 8, // 4/4
            0, 0xFF, 0x51, 3, 0x07, 0xA1, 0x20, // 500,000 µs per quarter = 120 BPM
            0, 0xFF, 0x2F, 0,
            .. "MTrk"u8, 0, 0, 0, 24,
            0, 0xFF, 0x03, 4, .. "lead"u8,
            0, 0xC0, 0, // program 0 on channel 1
            0, 0x90, 60, 100,
            0x83, 0x60, 0x80, 60, 64, // 480 ticks later (variable-length 0x83 0x60), note off
            0, 0xFF, 0x2F, 0,
        ];
        Assert.Equal(expected, stream.ToArray());
    }

    [Fact]
    public void RoundTrip_KeepsNotesProgramsAndDrums()
    {
        var lead = new MidiTrack("lead", [new MidiNote(72, 0.25, 0.5, 90), new MidiNote(74, 1.0, 0.25, 80)], program: 81);
        var drums = new MidiTrack("drums", [new MidiNote(36, 0, 0.1, 120), new MidiNote(38, 0.5, 0.1, 110)], isDrums: true);
        var bass = new MidiTrack("bass", [new MidiNote(36, 0, 1.0, 100)], program: 33);
        var file = new MidiFile([lead, drums, bass], tempoBpm: 93, beatsPerBar: 3, beatUnit: 4);
        using var stream = new MemoryStream();
        file.Save(stream);
        stream.Position = 0;

        var back = MidiFileReader.Read(stream);

        Assert.Equal(3, back.Tracks.Count);
        Assert.Equal(93, back.TempoBpm, 2);
        Assert.Equal(3, back.BeatsPerBar);
        var tickSeconds = 60.0 / 93 / MidiFile.DefaultTicksPerQuarterNote;
        for (var t = 0; t < 3; t++)
        {
            Assert.Equal(file.Tracks[t].Name, back.Tracks[t].Name);
            Assert.Equal(file.Tracks[t].IsDrums, back.Tracks[t].IsDrums);
            Assert.Equal(file.Tracks[t].Notes.Count, back.Tracks[t].Notes.Count);
            for (var n = 0; n < file.Tracks[t].Notes.Count; n++)
            {
                var expected = file.Tracks[t].Notes[n];
                var actual = back.Tracks[t].Notes[n];
                Assert.Equal(expected.Pitch, actual.Pitch);
                Assert.Equal(expected.Velocity, actual.Velocity);
                Assert.InRange(actual.Start - expected.Start, -tickSeconds, tickSeconds);
                Assert.InRange(actual.End - expected.End, -tickSeconds, tickSeconds);
            }
        }

        Assert.Equal(81, back.Tracks[0].Program);
        Assert.Equal(33, back.Tracks[2].Program);
    }

    [Fact]
    public void OverlappingNotesOfOnePitch_AreCutWhereTheNextStarts()
    {
        var track = new MidiTrack("pad", [new MidiNote(60, 0, 2.0), new MidiNote(60, 1.0, 0.5), new MidiNote(60, 1.0, 0.25)]);
        using var stream = new MemoryStream();
        new MidiFile([track], tempoBpm: 60).Save(stream);
        stream.Position = 0;

        var notes = MidiFileReader.Read(stream).Tracks[0].Notes;

        Assert.Equal(2, notes.Count);
        Assert.Equal(0, notes[0].Start, 6);
        Assert.Equal(1.0, notes[0].End, 6);
        Assert.Equal(1.0, notes[1].Start, 6);
        Assert.Equal(1.5, notes[1].End, 6);
    }

    [Fact]
    public void MoreThanNineMelodicTracks_SkipTheDrumChannel()
    {
        var tracks = Enumerable.Range(0, 12).Select(i => new MidiTrack($"t{i}", [new MidiNote(60 + i, 0, 1)])).ToList();
        using var stream = new MemoryStream();
        new MidiFile(tracks).Save(stream);
        stream.Position = 0;

        var back = MidiFileReader.Read(stream);

        Assert.All(back.Tracks, t => Assert.False(t.IsDrums));
    }

    [Theory]
    [InlineData(128, 0.0, 1.0, 100)]
    [InlineData(-1, 0.0, 1.0, 100)]
    [InlineData(60, -0.1, 1.0, 100)]
    [InlineData(60, 0.0, 0.0, 100)]
    [InlineData(60, 0.0, double.NaN, 100)]
    [InlineData(60, 0.0, 1.0, 0)]
    [InlineData(60, 0.0, 1.0, 128)]
    public void Track_RejectsInvalidNotes(int pitch, double start, double duration, int velocity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MidiTrack("x", [new MidiNote(pitch, start, duration, velocity)]));

    [Theory]
    [InlineData(0.0, 4, 4)]
    [InlineData(3.0, 4, 4)]
    [InlineData(2000.0, 4, 4)]
    [InlineData(120.0, 0, 4)]
    [InlineData(120.0, 4, 3)]
    public void File_RejectsInvalidTempoAndMetre(double bpm, int beatsPerBar, int beatUnit) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MidiFile([], bpm, beatsPerBar, beatUnit));

    [Fact]
    public void SaveToPath_ReplacesAtomicallyAndLeavesNoTemporaryFile()
    {
        var dir = Directory.CreateTempSubdirectory("musicai-midi-");
        try
        {
            var path = Path.Combine(dir.FullName, "song.mid");
            File.WriteAllText(path, "old");
            new MidiFile([new MidiTrack("a", [new MidiNote(60, 0, 1)])]).Save(path);

            Assert.Equal([path], Directory.GetFiles(dir.FullName));
            Assert.Equal("MThd"u8.ToArray(), File.ReadAllBytes(path)[..4]);
            Assert.Single(MidiFileReader.Read(path).Tracks);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Reader_RejectsGarbage()
    {
        Assert.Throws<InvalidDataException>(() => MidiFileReader.Read(new MemoryStream("RIFF0000WAVE"u8.ToArray())));
        byte[] lying = [.. "MThd"u8, 0, 0, 0, 6, 0, 1, 0, 1, 0x01, 0xE0, .. "MTrk"u8, 0, 0, 0x10, 0];
        Assert.Throws<InvalidDataException>(() => MidiFileReader.Read(new MemoryStream(lying)));
    }
}
