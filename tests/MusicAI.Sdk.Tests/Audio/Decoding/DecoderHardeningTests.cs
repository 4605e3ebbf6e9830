using System.Buffers.Binary;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Tests.Audio.Fuzz;
using static MusicAI.Sdk.Tests.Audio.Decoding.CodecFixtures;

namespace MusicAI.Sdk.Tests.Audio.Decoding;

/// <summary>
/// Regression tests for the NLayer/NVorbis behaviours that fuzzing found and the wrappers now prevent.
/// </summary>
public sealed class DecoderHardeningTests
{
    private static (int Frames, long Allocated) DecodeOnThisThread(byte[] bytes)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        using var reader = AudioReader.Open(new MemoryStream(bytes), null, leaveOpen: false, NoFfmpeg);
        var buffer = new float[4096 * reader.ChannelCount];
        var frames = 0;
        int n;
        while ((n = reader.Read(buffer)) > 0)
        {
            frames += n;
        }

        return (frames, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static List<(int Offset, int Length)> OggPages(byte[] bytes)
    {
        var pages = new List<(int, int)>();
        var at = 0;
        while (at + 27 <= bytes.Length && bytes.AsSpan(at, 4).SequenceEqual("OggS"u8))
        {
            var segments = bytes[at + 26];
            var length = 27 + segments;
            for (var i = 0; i < segments; i++)
            {
                length += bytes[at + 27 + i];
            }

            pages.Add((at, length));
            at += length;
        }

        return pages;
    }

    [Fact]
    public void Ogg_CommentHeaderWithAHugeVendorLength_IsRejectedWithoutAllocatingIt()
    {
        var bytes = File.ReadAllBytes(Path("tone_44k_stereo.ogg"));

        // The comment packet starts the second page: "\x03vorbis" then the 32-bit vendor length.
        var (offset, _) = OggPages(bytes)[1];
        var packet = offset + 27 + bytes[offset + 26];
        Assert.True(bytes.AsSpan(packet + 1, 6).SequenceEqual("vorbis"u8));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(packet + 7), int.MaxValue);
        Mutator.FixOggChecksums(bytes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<AudioFormatException>(() => DecodeOnThisThread(bytes));
        Assert.Contains("comment header", error.Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 16_000_000);
    }

    [Fact]
    public async Task Ogg_EndGranuleSmallerThanTheAudio_DoesNotHang()
    {
        // NVorbis alone spins forever on this: its end-of-stream trim makes the last packet's length negative.
        var bytes = File.ReadAllBytes(Path("tone_44k_stereo.ogg"));
        var (offset, _) = OggPages(bytes)[^1];
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(offset + 6), 1000);
        Mutator.FixOggChecksums(bytes);

        var (frames, _) = await Task.Run(() => DecodeOnThisThread(bytes), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(1000, frames);
    }

    [Fact]
    public void Mp3_Id3TagLongerThanTheFile_IsRejectedWithoutAllocatingIt()
    {
        var bytes = File.ReadAllBytes(Path("chirp_22k_mono_vbr.mp3"));
        bytes[6] = 0x40;  // syncsafe size: 128 MiB
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<AudioFormatException>(() => DecodeOnThisThread(bytes));
        Assert.Contains("ID3v2 tag declares", error.Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 16_000_000);
    }
}
