namespace MusicAI.Sdk.Generation.Sequencing;

/// <summary>A parameter change sent from a game thread to the audio thread.</summary>
internal readonly record struct StreamCommand(StreamCommandKind Kind, MusicBoundary Boundary, double Value, int Index);

internal enum StreamCommandKind
{
    Intensity,
    State,
    Tempo,
    Stinger,
}

/// <summary>
/// A bounded lock-free multi-producer single-consumer queue of <see cref="StreamCommand"/> (Dmitry Vyukov's bounded
/// queue with per-cell sequence numbers). Any thread may enqueue; the audio thread dequeues. Allocation-free.
/// </summary>
internal sealed class CommandQueue
{
    private readonly Cell[] _cells;
    private readonly long _mask;
    private long _enqueuePosition;
    private long _dequeuePosition;

    public CommandQueue(int capacityPowerOfTwo)
    {
        _cells = new Cell[capacityPowerOfTwo];
        _mask = capacityPowerOfTwo - 1;
        for (var i = 0; i < _cells.Length; i++)
        {
            _cells[i].Sequence = i;
        }
    }

    public bool TryEnqueue(in StreamCommand command)
    {
        var position = Volatile.Read(ref _enqueuePosition);
        while (true)
        {
            ref var cell = ref _cells[position & _mask];
            var sequence = Volatile.Read(ref cell.Sequence);
            var difference = sequence - position;
            if (difference == 0)
            {
                if (Interlocked.CompareExchange(ref _enqueuePosition, position + 1, position) == position)
                {
                    cell.Value = command;
                    Volatile.Write(ref cell.Sequence, position + 1);
                    return true;
                }

                position = Volatile.Read(ref _enqueuePosition);
            }
            else if (difference < 0)
            {
                return false; // full
            }
            else
            {
                position = Volatile.Read(ref _enqueuePosition);
            }
        }
    }

    public bool TryDequeue(out StreamCommand command)
    {
        var position = _dequeuePosition;
        ref var cell = ref _cells[position & _mask];
        var sequence = Volatile.Read(ref cell.Sequence);
        if (sequence - (position + 1) < 0)
        {
            command = default;
            return false; // empty (or a producer has not finished writing this cell yet)
        }

        command = cell.Value;
        Volatile.Write(ref cell.Sequence, position + _mask + 1);
        _dequeuePosition = position + 1;
        return true;
    }

    private struct Cell
    {
        public long Sequence;
        public StreamCommand Value;
    }
}
