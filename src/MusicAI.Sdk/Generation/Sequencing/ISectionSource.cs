using MusicAI.Sdk.Generation.Composition;

namespace MusicAI.Sdk.Generation.Sequencing;

/// <summary>Supplies a lane with its sections, one after another.</summary>
internal interface ISectionSource
{
    /// <summary>Writes the next section into <paramref name="target"/>; false when there are no more.</summary>
    bool TryNext(SectionScore target);

    /// <summary>Starts again from the first section.</summary>
    void Restart();
}

/// <summary>Plays sections composed in advance, a number of times (offline songs and loops). Allocation-free.</summary>
internal sealed class PrecomposedSource(IReadOnlyList<SectionScore> sections, int passes) : ISectionSource
{
    private int _index;

    public bool TryNext(SectionScore target)
    {
        if (_index >= sections.Count * passes)
        {
            return false;
        }

        target.CopyFrom(sections[_index % sections.Count]);
        _index++;
        return true;
    }

    public void Restart() => _index = 0;
}

/// <summary>
/// Composes sections on demand from a plan that repeats forever, each repeat a varied playing (adaptive states).
/// Composition happens on the caller's thread (the audio thread) and allocates nothing.
/// </summary>
internal sealed class ComposingSource(SectionComposer composer, PlannedSection[] plan) : ISectionSource
{
    private long _index;

    public bool TryNext(SectionScore target)
    {
        var section = plan[(int)(_index % plan.Length)];
        var round = _index / plan.Length;
        var iteration = round == 0 ? 0 : 1 + (int)((round - 1) % 998); // 998 distinct varied repeats, then they cycle
        var endsLoop = _index % plan.Length == plan.Length - 1;
        composer.Compose(target, section.Kind, section.Bars, section.Occurrence, iteration, endsLoop);
        _index++;
        return true;
    }

    public void Restart() => _index = 0;
}
