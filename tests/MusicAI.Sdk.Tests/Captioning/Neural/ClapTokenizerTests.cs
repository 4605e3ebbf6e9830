using System.Text.Json;
using MusicAI.Sdk.Captioning.Neural;
using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Tests.Captioning.Neural;

/// <summary>The RoBERTa BPE tokenizer (Microsoft.ML.Tokenizers) against the plain python BPE encoder of capnn_clap.py.</summary>
public sealed class ClapTokenizerTests
{
    private static ClapTokenizer Load() => ClapTokenizer.Load(
        Path.Combine(ClapFixtures.Folder, "vocab.json"),
        Path.Combine(ClapFixtures.Folder, "merges.txt"),
        "tiny-clap");

    [Fact]
    public void Encode_GivesThePythonReferenceIds()
    {
        var tokenizer = Load();
        using var cases = JsonDocument.Parse(File.ReadAllText(TestAssets.Path("captioning-neural", "clap", "tokenizer_cases.json")));

        foreach (var item in cases.RootElement.EnumerateArray())
        {
            var text = item.GetProperty("text").GetString()!;
            var expected = item.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.True(expected.SequenceEqual(tokenizer.Encode(text)), $"'{text}': expected [{string.Join(", ", expected)}], got [{string.Join(", ", tokenizer.Encode(text))}]");
        }
    }

    [Fact]
    public void SpecialTokens_HaveTheRobertaIds()
    {
        var tokenizer = Load();
        Assert.Equal(0, tokenizer.BeginId);
        Assert.Equal(1, tokenizer.PadId);
        Assert.Equal(2, tokenizer.EndId);
        Assert.Equal([0, 2], tokenizer.Encode(""));
    }

    [Fact]
    public void LongTexts_AreTruncatedTo512TokensEndingWithEndOfSentence()
    {
        var tokenizer = Load();
        var ids = tokenizer.Encode(string.Concat(Enumerable.Repeat("zq ", 600)));

        Assert.Equal(ClapTokenizer.MaxTokens, ids.Length);
        Assert.Equal(tokenizer.BeginId, ids[0]);
        Assert.Equal(tokenizer.EndId, ids[^1]);
        Assert.DoesNotContain(tokenizer.EndId, ids[..^1]);
    }

    [Fact]
    public void BadFiles_FailWithModelLoadException()
    {
        using var folder = new TemporaryDirectory();
        var vocab = Path.Combine(folder.Path, "vocab.json");
        var merges = Path.Combine(ClapFixtures.Folder, "merges.txt");
        File.WriteAllText(vocab, "{\"a\": 0, \"b\": 1}");
        Assert.Throws<ModelLoadException>(() => ClapTokenizer.Load(vocab, merges, "broken"));

        File.WriteAllText(vocab, "not json");
        Assert.Throws<ModelLoadException>(() => ClapTokenizer.Load(vocab, merges, "broken"));
    }
}
