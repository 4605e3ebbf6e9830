using System.Runtime.CompilerServices;

namespace MusicAI.Sdk.Generation.Composition;

/// <summary>
/// A growable list of <see cref="ScoreNote"/> that keeps its capacity across <see cref="Clear"/>, so a composer
/// reusing it allocates nothing once warmed up.
/// </summary>
internal sealed class NoteList
{
    private ScoreNote[] _items;

    public NoteList(int capacity = 256) => _items = new ScoreNote[Math.Max(capacity, 4)];

    public int Count { get; private set; }

    public ReadOnlySpan<ScoreNote> Notes => _items.AsSpan(0, Count);

    public ref ScoreNote this[int index] => ref _items[index];

    public void Clear() => Count = 0;

    public void Add(int start, int duration, int pitch, int velocity)
    {
        if (duration <= 0 || pitch is < 0 or > 127)
        {
            return;
        }

        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = new ScoreNote(start, duration, pitch, Math.Clamp(velocity, 1, 127));
    }

    public void CopyFrom(NoteList other)
    {
        if (_items.Length < other.Count)
        {
            _items = new ScoreNote[other._items.Length];
        }

        other.Notes.CopyTo(_items);
        Count = other.Count;
    }

    /// <summary>
    /// Sorts by start and resolves overlaps of one pitch (an earlier note is cut where a later strike of the same
    /// pitch starts; two strikes at one tick keep the louder), and clamps notes to <paramref name="lengthTicks"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Normalize(int lengthTicks)
    {
        var span = _items.AsSpan(0, Count);
        span.Sort();
        var write = 0;
        for (var i = 0; i < span.Length; i++)
        {
            var note = span[i];
            if (note.Start >= lengthTicks || note.Start < 0)
            {
                continue;
            }

            if (note.End > lengthTicks)
            {
                note.Duration = lengthTicks - note.Start;
            }

            // Look back for an earlier kept note of the same pitch still sounding.
            var duplicate = false;
            for (var j = write - 1; j >= 0 && j >= write - 64; j--)
            {
                ref var previous = ref span[j];
                if (previous.Pitch != note.Pitch)
                {
                    continue;
                }

                if (previous.Start == note.Start)
                {
                    previous.Velocity = Math.Max(previous.Velocity, note.Velocity);
                    previous.Duration = Math.Max(previous.Duration, note.Duration);
                    duplicate = true;
                }
                else if (previous.End > note.Start)
                {
                    previous.Duration = note.Start - previous.Start;
                }

                break;
            }

            if (!duplicate)
            {
                span[write++] = note;
            }
        }

        Count = write;
    }
}
