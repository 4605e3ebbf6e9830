namespace MusicAI.Sdk.Generation.Sequencing;

/// <summary>
/// A fixed-capacity single-producer (audio thread) single-consumer (game thread) ring of <see cref="MusicEvent"/>:
/// lock-free and allocation-free. When full, new events are dropped and counted.
/// </summary>
internal sealed class MusicEventQueue
{
    private readonly MusicEvent[] _items;
    private readonly int _mask;
    private long _head; // next to read (consumer)
    private long _tail; // next to write (producer)
    private long _dropped;

    public MusicEventQueue(int capacityPowerOfTwo)
    {
        _items = new MusicEvent[capacityPowerOfTwo];
        _mask = capacityPowerOfTwo - 1;
    }

    public long Dropped => Volatile.Read(ref _dropped);

    public void Enqueue(in MusicEvent item)
    {
        var tail = _tail;
        if (tail - Volatile.Read(ref _head) >= _items.Length)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        _items[tail & _mask] = item;
        Volatile.Write(ref _tail, tail + 1);
    }

    public bool TryDequeue(out MusicEvent item)
    {
        var head = _head;
        if (head >= Volatile.Read(ref _tail))
        {
            item = default;
            return false;
        }

        item = _items[head & _mask];
        Volatile.Write(ref _head, head + 1);
        return true;
    }
}
