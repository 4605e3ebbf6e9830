using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;
using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Captioning.Neural;

/// <summary>
/// The RoBERTa tokenizer of the CLAP text tower: byte-level BPE from the model's <c>vocab.json</c> and
/// <c>merges.txt</c> through <c>Microsoft.ML.Tokenizers</c>, GPT-2 pre-tokenization, no normalisation, no prefix
/// space, <c>&lt;s&gt;</c> … <c>&lt;/s&gt;</c> around every text, at most 512 tokens.
/// </summary>
/// <remarks>
/// Text that spells a special token (for example <c>&lt;mask&gt;</c>) is encoded as ordinary characters. Immutable and
/// thread-safe.
/// </remarks>
internal sealed partial class ClapTokenizer
{
    /// <summary>The most tokens a text may have, <c>&lt;s&gt;</c> and <c>&lt;/s&gt;</c> included (RoBERTa's 514 positions less 2).</summary>
    public const int MaxTokens = 512;

    private readonly BpeTokenizer _bpe;

    private ClapTokenizer(BpeTokenizer bpe, int bos, int eos, int pad)
    {
        _bpe = bpe;
        BeginId = bos;
        EndId = eos;
        PadId = pad;
    }

    /// <summary>Gets the id of <c>&lt;s&gt;</c>.</summary>
    public int BeginId { get; }

    /// <summary>Gets the id of <c>&lt;/s&gt;</c>.</summary>
    public int EndId { get; }

    /// <summary>Gets the id of <c>&lt;pad&gt;</c>.</summary>
    public int PadId { get; }

    /// <summary>Loads the tokenizer files.</summary>
    /// <exception cref="ModelLoadException">A file is unreadable or lacks <c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c> or <c>&lt;pad&gt;</c>.</exception>
    public static ClapTokenizer Load(string vocabularyPath, string mergesPath, string modelId)
    {
        BpeTokenizer bpe;
        try
        {
            bpe = BpeTokenizer.Create(new BpeOptions(vocabularyPath, mergesPath)
            {
                ByteLevel = true,
                UnknownToken = "<unk>",
                PreTokenizer = new RegexPreTokenizer(Gpt2Words(), specialTokens: null),
            });
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new ModelLoadException(
                $"The tokenizer files of '{modelId}' ({vocabularyPath}, {mergesPath}) could not be read: {ex.Message} "
                + "They must be a RoBERTa/GPT-2 vocab.json and merges.txt; download them again with 'musicai models pull'.",
                modelId,
                vocabularyPath,
                ex);
        }

        var vocabulary = bpe.Vocabulary;
        int Id(string token) => vocabulary.TryGetValue(token, out var id)
            ? id
            : throw new ModelLoadException($"The vocabulary of '{modelId}' ({vocabularyPath}) has no '{token}' token; it is not a RoBERTa vocabulary.", modelId, vocabularyPath);
        return new ClapTokenizer(bpe, Id("<s>"), Id("</s>"), Id("<pad>"));
    }

    /// <summary>Encodes one text: <c>&lt;s&gt;</c>, its tokens, <c>&lt;/s&gt;</c>, truncated to <see cref="MaxTokens"/> (keeping the final <c>&lt;/s&gt;</c>).</summary>
    /// <remarks>The special tokens are added here rather than by the BPE tokenizer, which adds none to an empty text.</remarks>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = _bpe.EncodeToIds(text);
        var count = Math.Min(tokens.Count, MaxTokens - 2);
        var result = new int[count + 2];
        result[0] = BeginId;
        for (var i = 0; i < count; i++)
        {
            result[i + 1] = tokens[i];
        }

        result[^1] = EndId;
        return result;
    }

    /// <summary>GPT-2's pre-tokenizer: contractions, letters, digits, other symbols, whitespace (a space sticks to the next word).</summary>
    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Gpt2Words();
}
