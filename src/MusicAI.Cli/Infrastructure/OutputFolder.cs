namespace MusicAI.Cli.Infrastructure;

/// <summary>Clean-up of the output folders commands create, when a command fails or is cancelled.</summary>
internal static class OutputFolder
{
    /// <summary>Deletes <paramref name="directory"/> when it exists and is empty; best effort (an I/O error is ignored, since the caller is already failing).</summary>
    public static void RemoveIfEmpty(string directory)
    {
        try
        {
            if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
            {
                Directory.Delete(directory);
            }
        }
        catch (IOException)
        {
            // Best effort while already failing.
        }
    }
}
