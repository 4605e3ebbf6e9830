namespace MusicAI.Sdk.Captioning.Text;

/// <summary>Short descriptors for search and playlists, from <see cref="Claims"/> only.</summary>
internal static class TagWriter
{
    public static IReadOnlyList<string> Tags(MusicDescription description)
    {
        var claims = new Claims(description);
        var tags = new List<string>();
        if (claims.Silent)
        {
            return ["silence"];
        }

        Add(tags, claims.Mood);
        Add(tags, claims.TempoClass);
        if (claims.Key is not null)
        {
            tags.Add(claims.Key);
            tags.Add(claims.Mode == KeyMode.Minor ? "minor key" : "major key");
        }

        if (claims.Meter == "3/4")
        {
            tags.Add("triple meter");
        }

        if (claims.Vocals is bool vocals)
        {
            tags.Add(!vocals ? "instrumental" : claims.SpokenVoice ? "spoken voice" : "vocals");
        }

        Add(tags, claims.Register is null ? null : claims.Register + " vocals");
        if (claims.Drums)
        {
            tags.Add("drums");
        }

        if (claims.BassHeavy)
        {
            tags.Add("bass-heavy");
        }

        Add(tags, claims.Timbre);
        Add(tags, claims.Level);
        if (claims.Compressed)
        {
            tags.Add("compressed");
        }

        if (claims.Dynamic)
        {
            tags.Add("dynamic");
        }

        if (description.Lyrics is { } lyrics)
        {
            Add(tags, lyrics.Language is null ? null : "lyrics:" + lyrics.Language);
            foreach (var theme in lyrics.Themes.Take(3))
            {
                tags.Add("theme:" + theme.Name);
            }
        }

        if (description.ZeroShotTags is { } zeroShot)
        {
            foreach (var tag in zeroShot.Where(t => t.Score >= 0.1f).OrderByDescending(t => t.Score).Take(5))
            {
                if (!tags.Contains(tag.Label))
                {
                    tags.Add(tag.Label);
                }
            }
        }

        return tags;
    }

    private static void Add(List<string> tags, string? tag)
    {
        if (tag is not null)
        {
            tags.Add(tag);
        }
    }
}
