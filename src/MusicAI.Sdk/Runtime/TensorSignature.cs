using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MusicAI.Sdk.Runtime;

/// <summary>
/// The name, element type and shape of one model input or output, expected (in a <see cref="ModelContract"/>) or
/// actual (read from a loaded model). Formats as <c>'input' float32 [batch, 4, 3072, 256]</c>.
/// </summary>
internal sealed class TensorSignature
{
    /// <summary>Creates a tensor signature.</summary>
    /// <param name="name">The tensor name, or <see langword="null"/> in a contract to match by position instead.</param>
    /// <param name="elementType">The element type.</param>
    /// <param name="dimensions">The dimensions; empty for a scalar.</param>
    public TensorSignature(string? name, TensorElementType elementType, IReadOnlyList<TensorDimension> dimensions)
    {
        Name = name;
        ElementType = elementType;
        Dimensions = dimensions;
        IsTensor = true;
    }

    private TensorSignature(string name, string nonTensorKind)
    {
        Name = name;
        Dimensions = [];
        NonTensorKind = nonTensorKind;
    }

    /// <summary>Gets the tensor name, or <see langword="null"/> for "any name, matched by position".</summary>
    public string? Name { get; }

    /// <summary>Gets the element type.</summary>
    public TensorElementType ElementType { get; }

    /// <summary>Gets the dimensions.</summary>
    public IReadOnlyList<TensorDimension> Dimensions { get; }

    /// <summary>Gets a value indicating whether the value is a tensor (models may also take sequences and maps).</summary>
    public bool IsTensor { get; }

    /// <summary>Gets the ONNX value kind of a non-tensor value (<c>sequence</c>, <c>map</c>...), or <see langword="null"/>.</summary>
    public string? NonTensorKind { get; }

    /// <summary>Reads the signature of an input or output from ONNX Runtime's metadata.</summary>
    public static TensorSignature FromMetadata(string name, NodeMetadata metadata)
    {
        if (!metadata.IsTensor)
        {
            return new TensorSignature(name, metadata.OnnxValueType.ToString().Replace("ONNX_TYPE_", "", StringComparison.Ordinal).ToLowerInvariant());
        }

        var sizes = metadata.Dimensions;
        var symbols = metadata.SymbolicDimensions;
        var dimensions = new TensorDimension[sizes.Length];
        for (var i = 0; i < sizes.Length; i++)
        {
            var symbol = i < symbols.Length ? symbols[i] : null;
            dimensions[i] = sizes[i] >= 0 && string.IsNullOrEmpty(symbol)
                ? TensorDimension.Fixed(sizes[i])
                : TensorDimension.Dynamic(symbol);
        }

        return new TensorSignature(name, metadata.ElementDataType, dimensions);
    }

    /// <summary>
    /// Parses <c>name type [d0, d1, ...]</c>, for example <c>input float32 [batch, 4, 3072, 256]</c>. A name of
    /// <c>*</c> matches by position; a dimension that is not a number is dynamic (<c>batch</c>, <c>?</c>).
    /// </summary>
    /// <exception cref="FormatException">The text is not in that form.</exception>
    public static TensorSignature Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var open = text.IndexOf('[', StringComparison.Ordinal);
        var close = text.LastIndexOf(']');
        var head = (open < 0 ? text : text[..open]).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (head.Length != 2 || open < 0 || close < open || close != text.TrimEnd().Length - 1)
        {
            throw new FormatException($"Tensor signature '{text}' is not in the form 'name type [d0, d1, ...]'.");
        }

        var elementType = ParseElementType(head[1])
            ?? throw new FormatException($"Tensor signature '{text}': unknown element type '{head[1]}'.");
        var inner = text[(open + 1)..close];
        var parts = inner.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var dimensions = new TensorDimension[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            dimensions[i] = long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                ? TensorDimension.Fixed(size)
                : TensorDimension.Dynamic(parts[i] == "?" ? null : parts[i]);
        }

        return new TensorSignature(head[0] == "*" ? null : head[0], elementType, dimensions);
    }

    /// <summary>The ONNX spelling of an element type: <c>float32</c>, <c>int64</c>...</summary>
    public static string ElementTypeName(TensorElementType type) => type switch
    {
        TensorElementType.Float => "float32",
        TensorElementType.Float16 => "float16",
        TensorElementType.BFloat16 => "bfloat16",
        TensorElementType.Double => "float64",
        TensorElementType.Int8 => "int8",
        TensorElementType.Int16 => "int16",
        TensorElementType.Int32 => "int32",
        TensorElementType.Int64 => "int64",
        TensorElementType.UInt8 => "uint8",
        TensorElementType.UInt16 => "uint16",
        TensorElementType.UInt32 => "uint32",
        TensorElementType.UInt64 => "uint64",
        TensorElementType.Bool => "bool",
        TensorElementType.String => "string",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <summary>Formats as <c>'name' float32 [batch, 4]</c> (<c>(any name) float32 [...]</c> for a positional contract entry).</summary>
    public override string ToString()
    {
        var name = Name is null ? "(any name)" : $"'{Name}'";
        return IsTensor
            ? $"{name} {ElementTypeName(ElementType)} [{string.Join(", ", Dimensions)}]"
            : $"{name} {NonTensorKind} (not a tensor)";
    }

    private static TensorElementType? ParseElementType(string name)
    {
        foreach (var type in Enum.GetValues<TensorElementType>())
        {
            if (string.Equals(ElementTypeName(type), name, StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        return null;
    }
}
