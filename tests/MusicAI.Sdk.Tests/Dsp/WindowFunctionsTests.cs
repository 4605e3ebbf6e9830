using System.Text.Json;
using MusicAI.Sdk.Dsp;

namespace MusicAI.Sdk.Tests.Dsp;

public sealed class WindowFunctionsTests
{
    [Fact]
    public void Windows_MatchScipyGetWindow()
    {
        var index = JsonDocument.Parse(File.ReadAllText(TestAssets.Path("dsp", "stft", "index.json"))).RootElement.GetProperty("windows");
        var all = NpyFile.Read(TestAssets.Path("dsp", "stft", "windows.npy")).Data;
        var offset = 0;
        var checkedCount = 0;
        foreach (var entry in index.EnumerateArray())
        {
            var length = entry.GetProperty("length").GetInt32();
            var periodic = entry.GetProperty("periodic").GetBoolean();
            var kind = StftPlanTests.ParseWindow(entry.GetProperty("window").GetString()!);
            var window = WindowFunctions.Create(kind, length, periodic, beta: 8);
            Assert.Equal(length, window.Length);
            for (var i = 0; i < length; i++)
            {
                Assert.True(Math.Abs(window[i] - all[offset + i]) < 1e-6, $"{kind} {length} periodic={periodic} [{i}]: {window[i]} vs {all[offset + i]}");
            }

            offset += length;
            checkedCount++;
        }

        Assert.Equal(all.Length, offset);
        Assert.Equal(50, checkedCount);
    }

    [Fact]
    public void Rectangular_IsOnes() => Assert.All(WindowFunctions.Create(WindowKind.Rectangular, 10), v => Assert.Equal(1f, v));

    [Fact]
    public void CenterPad_PlacesTheWindowLikeTorch()
    {
        var destination = new float[10];
        WindowFunctions.CenterPad([1f, 2f, 3f], destination);
        Assert.Equal([0f, 0f, 0f, 1f, 2f, 3f, 0f, 0f, 0f, 0f], destination);
        Assert.Throws<ArgumentException>(() => WindowFunctions.CenterPad(new float[11], destination));
        Assert.Throws<ArgumentOutOfRangeException>(() => WindowFunctions.Create(WindowKind.Hann, 0));
    }
}
