namespace MusicAI.Sdk.Runtime;

/// <summary>The operating system families that decide which execution providers can exist.</summary>
internal enum HostOperatingSystem
{
    /// <summary>Anything not listed below (Android, iOS, FreeBSD, browser...).</summary>
    Other = 0,

    /// <summary>Windows.</summary>
    Windows = 1,

    /// <summary>Linux.</summary>
    Linux = 2,

    /// <summary>macOS.</summary>
    MacOS = 3,
}
