namespace MusicAI.Sdk.Separation;

/// <summary>File names of stems (<c>vocals</c>, <c>accompaniment</c>, <c>drums</c>, <c>bass</c>, <c>other</c>) and their parsing.</summary>
internal static class StemNames
{
    /// <summary>Gets every stem in declaration order.</summary>
    public static IReadOnlyList<Stem> All { get; } = Enum.GetValues<Stem>();

    /// <summary>The lower-case name used for files, the CLI and JSON.</summary>
    public static string Name(Stem stem) => stem switch
    {
        Stem.Vocals => "vocals",
        Stem.Accompaniment => "accompaniment",
        Stem.Drums => "drums",
        Stem.Bass => "bass",
        Stem.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(stem), stem, "Unknown stem."),
    };

    /// <summary>Parses a stem name (case-insensitive; <c>instrumental</c> is accepted for accompaniment).</summary>
    public static bool TryParse(string text, out Stem stem)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var candidate in All)
        {
            if (string.Equals(text.Trim(), Name(candidate), StringComparison.OrdinalIgnoreCase))
            {
                stem = candidate;
                return true;
            }
        }

        stem = Stem.Accompaniment;
        return string.Equals(text.Trim(), "instrumental", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Parses a comma-separated list such as <c>vocals,accompaniment</c>.</summary>
    /// <exception cref="ArgumentException">A name is unknown or the list is empty.</exception>
    public static Stem[] ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            throw new ArgumentException("No stems were given; use for example 'vocals,accompaniment' or 'drums,bass,other,vocals'.", nameof(text));
        }

        var stems = new Stem[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            if (!TryParse(names[i], out stems[i]))
            {
                throw new ArgumentException($"'{names[i]}' is not a stem; use {string.Join(", ", All.Select(Name))}.", nameof(text));
            }
        }

        return stems;
    }
}
