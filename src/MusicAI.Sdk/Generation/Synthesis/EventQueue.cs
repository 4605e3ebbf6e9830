using System.Runtime.CompilerServices;

namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// Binary min-heap of <see cref="SynthEvent"/>s ordered by frame, then scheduling order, in one array sized at
/// construction. Push and pop are O(log n) and allocate nothing while the capacity suffices; beyond it the array
/// doubles (one allocation — size the queue for real-time use).
/// </summary>
internal sealed class EventQueue
{
    private SynthEvent[] _heap;
    private long _sequence;

    /// <summary>Creates a queue for <paramref name="capacity"/> pending events.</summary>
    public EventQueue(int capacity) => _heap = new SynthEvent[Math.Max(16, capacity)];

    /// <summary>Gets the number of pending events.</summary>
    public int Count { get; private set; }

    /// <summary>Gets the capacity before the queue has to grow.</summary>
    public int Capacity => _heap.Length;

    /// <summary>Gets the frame of the earliest event (<see cref="long.MaxValue"/> when empty).</summary>
    public long NextFrame => Count == 0 ? long.MaxValue : _heap[0].Frame;

    /// <summary>Adds an event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Push(long frame, SynthEventKind kind, int strip, int pitch, double value)
    {
        if (Count == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        var item = new SynthEvent(frame, _sequence++, kind, strip, pitch, value);
        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!item.Precedes(in _heap[parent]))
            {
                break;
            }

            _heap[i] = _heap[parent];
            i = parent;
        }

        _heap[i] = item;
    }

    /// <summary>Removes and returns the earliest event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SynthEvent Pop()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("The event queue is empty.");
        }

        var top = _heap[0];
        var last = _heap[--Count];
        var i = 0;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && _heap[child + 1].Precedes(in _heap[child]))
            {
                child++;
            }

            if (!_heap[child].Precedes(in last))
            {
                break;
            }

            _heap[i] = _heap[child];
            i = child;
        }

        if (Count > 0)
        {
            _heap[i] = last;
        }

        return top;
    }
}
