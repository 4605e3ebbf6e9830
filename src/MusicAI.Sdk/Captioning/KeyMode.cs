namespace MusicAI.Sdk.Captioning;

/// <summary>The mode of an estimated key.</summary>
public enum KeyMode
{
    /// <summary>Major.</summary>
    Major,

    /// <summary>Minor.</summary>
    Minor,
}
