using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Models;

namespace MusicAI.Sdk.Tests.Models;

public sealed class ModelNamesTests
{
    public static TheoryData<string> HostileNames =>
    [
        "",
        ".",
        "..",
        "../x",
        "a/../../b",
        "a/b",
        "a\\b",
        "..\\..\\windows",
        "/etc/passwd",
        "C:\\models\\x",
        "C:x",
        "\\\\server\\share",
        "%2e%2e",
        "%2e%2e%2fx",
        "a%2fb",
        "x\0.onnx",
        "x\n",
        " x",
        "x ",
        ".hidden",
        "-flag",
        "_x",
        "x.",
        "a..b",
        "con",
        "CON",
        "nul.onnx",
        "com1",
        "lpt9.txt",
        "aux",
        "prn.data",
        "~",
        "x*",
        "x?",
        "x:y",
        "mödel",
        "ｘ",
        new string('a', 200),
    ];

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void HostileIds_AreRejected(string id)
    {
        Assert.NotNull(ModelNames.GetIdProblem(id));
        Assert.Throws<ArgumentException>(() => new ModelManifest(id, [new ModelFile("model.onnx", null)]));
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void HostileFileNames_AreRejected(string name)
    {
        Assert.NotNull(ModelNames.GetFileNameProblem(name));
        Assert.Throws<ArgumentException>(() => new ModelFile(name, null));
    }

    [Theory]
    [InlineData("basic-pitch")]
    [InlineData("silero-vad-16k-op15")]
    [InlineData("mdx-net-kim-vocal-2")]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("model.v2_final-x")]
    public void PlainIds_AreAccepted(string id) => Assert.Null(ModelNames.GetIdProblem(id));

    [Theory]
    [InlineData("BeatNet.onnx.data")]
    [InlineData("UVR-MDX-NET-Inst_HQ_3.onnx")]
    [InlineData("Kim_Vocal_2.onnx")]
    [InlineData("nmp.onnx")]
    [InlineData("console.onnx")]
    public void PlainFileNames_AreAccepted(string name) => Assert.Null(ModelNames.GetFileNameProblem(name));

    [Fact]
    public void UpperCaseIds_AreRejectedWithTheLowerCaseSpelling()
    {
        var problem = ModelNames.GetIdProblem("Basic-Pitch");
        Assert.NotNull(problem);
        Assert.Contains("basic-pitch", problem);
    }

    [Theory]
    [InlineData("model.onnx.partial")]
    [InlineData("model.LOCK")]
    public void StoreSuffixes_AreReservedForFileNames(string name) => Assert.NotNull(ModelNames.GetFileNameProblem(name));

    [Fact]
    public void ProblemMessages_ShowControlCharactersEscaped()
    {
        var problem = ModelNames.GetIdProblem("x\0y");
        Assert.NotNull(problem);
        Assert.Contains("\\u0000", problem);
        Assert.False(problem.Contains('\0', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"id\":\"../x\",\"files\":[{\"name\":\"m.onnx\"}]}")]
    [InlineData("{\"id\":\"a/../../b\",\"files\":[{\"name\":\"m.onnx\"}]}")]
    [InlineData("{\"id\":\"%2e%2e\",\"files\":[{\"name\":\"m.onnx\"}]}")]
    [InlineData("{\"id\":\"ok\",\"files\":[{\"name\":\"../../etc/passwd\"}]}")]
    [InlineData("{\"id\":\"ok\",\"files\":[{\"name\":\"/etc/passwd\"}]}")]
    [InlineData("{\"id\":\"ok\",\"files\":[{\"name\":\"..\\\\..\\\\x.onnx\"}]}")]
    [InlineData("{\"id\":\"ok\",\"files\":[{\"name\":\"C:\\\\x.onnx\"}]}")]
    [InlineData("{\"id\":\"ok\",\"files\":[{\"name\":\"x\\u0000.onnx\"}]}")]
    [InlineData("{\"id\":\"ok\",\"files\":[{\"name\":\"m.onnx\",\"url\":\"file:///etc/passwd\"}]}")]
    public void HostileManifests_FailToLoad(string json)
    {
        var ex = Assert.Throws<ModelLoadException>(() => ModelManifest.FromJson(json));
        Assert.Contains("not valid", ex.Message);
    }
}
