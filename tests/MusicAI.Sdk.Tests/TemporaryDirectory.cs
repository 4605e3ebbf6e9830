namespace MusicAI.Sdk.Tests;

/// <summary>A unique temporary folder under the system temp folder, deleted (with its contents) on dispose.</summary>
/// <remarks>Shared by every test project (the CLI tests link this file).</remarks>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "musicai-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
