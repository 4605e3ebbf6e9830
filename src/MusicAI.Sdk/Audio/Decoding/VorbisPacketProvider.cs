using NVorbis.Contracts;

namespace MusicAI.Sdk.Audio.Decoding;

/// <summary>
/// Hands NVorbis the packets of one logical Ogg stream with the end-of-stream flag hidden.
/// </summary>
/// <remarks>
/// NVorbis 0.10.5 trims the last packet to the granule position of the end-of-stream page; a corrupt granule
/// smaller than the samples already produced makes its read loop spin forever (seen in fuzzing). With the flag
/// hidden NVorbis decodes every packet, and <see cref="VorbisSampleSource"/> stops at the stream's granule count
/// itself, which gives the same length for intact files.
/// </remarks>
internal sealed class VorbisPacketProvider(IPacketProvider inner) : IPacketProvider
{
    /// <inheritdoc/>
    public bool CanSeek => inner.CanSeek;

    /// <inheritdoc/>
    public int StreamSerial => inner.StreamSerial;

    /// <inheritdoc/>
    public IPacket? GetNextPacket() => Wrap(inner.GetNextPacket());

    /// <inheritdoc/>
    public IPacket? PeekNextPacket() => Wrap(inner.PeekNextPacket());

    /// <inheritdoc/>
    public long GetGranuleCount() => inner.GetGranuleCount();

    /// <inheritdoc/>
    public long SeekTo(long granulePos, int preRoll, GetPacketGranuleCount getPacketGranuleCount) =>
        inner.SeekTo(granulePos, preRoll, getPacketGranuleCount);

    private static Packet? Wrap(IPacket? packet) => packet is null ? null : new Packet(packet);

    /// <summary>A packet that never claims to end the stream.</summary>
    private sealed class Packet(IPacket inner) : IPacket
    {
        public bool IsResync => inner.IsResync;

        public bool IsShort => inner.IsShort;

        public long? GranulePosition => inner.GranulePosition;

        public bool IsEndOfStream => false;

        public int BitsRead => inner.BitsRead;

        public int BitsRemaining => inner.BitsRemaining;

        public int ContainerOverheadBits => inner.ContainerOverheadBits;

        public ulong TryPeekBits(int count, out int bitsRead) => inner.TryPeekBits(count, out bitsRead);

        public void SkipBits(int count) => inner.SkipBits(count);

        public ulong ReadBits(int count) => inner.ReadBits(count);

        public void Done() => inner.Done();

        public void Reset() => inner.Reset();
    }
}
