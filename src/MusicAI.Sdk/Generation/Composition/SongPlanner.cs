namespace MusicAI.Sdk.Generation.Composition;

/// <summary>One planned section: its role, length, and how many sections of its kind precede it.</summary>
internal readonly record struct PlannedSection(SectionKind Kind, int Bars, int Occurrence);

/// <summary>
/// Lays out the form of a song of a given length: intro, verse, chorus, verse, chorus, bridge, chorus, … outro in
/// sections of 8 bars (intro and outro 2 or 4), or a loop of one or more loop sections.
/// </summary>
internal static class SongPlanner
{
    private static readonly SectionKind[] s_body =
        [SectionKind.Verse, SectionKind.Chorus, SectionKind.Verse, SectionKind.Chorus, SectionKind.Bridge, SectionKind.Chorus];

    public static IReadOnlyList<PlannedSection> Plan(int bars, bool isLoop)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bars);
        var sections = new List<PlannedSection>();
        var counts = new int[6];
        void Add(SectionKind kind, int length)
        {
            sections.Add(new PlannedSection(kind, length, counts[(int)kind]++));
        }

        if (isLoop)
        {
            // Up to 16 bars: one section. Longer: 8-bar sections (alternating motif A and B), a short remainder merged.
            if (bars <= 16)
            {
                Add(SectionKind.Loop, bars);
                return sections;
            }

            var remaining = bars;
            while (remaining > 0)
            {
                var length = remaining >= 12 ? 8 : remaining;
                Add(SectionKind.Loop, length);
                remaining -= length;
            }

            return sections;
        }

        if (bars < 8)
        {
            Add(SectionKind.Verse, bars);
            return sections;
        }

        var edge = bars >= 24 ? 4 : bars >= 12 ? 2 : 0;
        var body = bars - (2 * edge);
        if (edge > 0)
        {
            Add(SectionKind.Intro, edge);
        }

        var index = 0;
        while (body > 0)
        {
            var kind = s_body[index % s_body.Length];
            index++;
            var length = body >= 12 ? 8 : body;
            if (length < 4 && sections.Count > 0 && sections[^1].Kind != SectionKind.Intro)
            {
                var last = sections[^1];
                sections[^1] = last with { Bars = last.Bars + length };
                break;
            }

            Add(kind, length);
            body -= length;
        }

        // End the body on a chorus (a double chorus) rather than a verse.
        if (sections.Count >= 3 && sections[^1].Kind == SectionKind.Verse)
        {
            var last = sections[^1];
            counts[(int)SectionKind.Verse]--;
            sections[^1] = new PlannedSection(SectionKind.Chorus, last.Bars, counts[(int)SectionKind.Chorus]++);
        }

        if (edge > 0)
        {
            Add(SectionKind.Outro, edge);
        }

        return sections;
    }
}
