using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace MusicAI.Sdk.Tests.Dsp;

/// <summary>Minimal reader for the little-endian float32 C-order .npy files written by tests/TestAssets/generate/dsp_*.py.</summary>
internal static partial class NpyFile
{
    public static (float[] Data, int[] Shape) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
        {
            throw new InvalidDataException($"{path} is not an .npy file.");
        }

        var major = bytes[6];
        int headerLength, offset;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
            offset = 10;
        }
        else
        {
            headerLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
            offset = 12;
        }

        var header = Encoding.ASCII.GetString(bytes, offset, headerLength);
        if (!header.Contains("'descr': '<f4'", StringComparison.Ordinal) || header.Contains("'fortran_order': True", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: only little-endian float32 C-order arrays are supported ({header.Trim()}).");
        }

        var shapeText = ShapePattern().Match(header).Groups[1].Value;
        var shape = shapeText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        var count = shape.Aggregate(1, (a, b) => a * b);
        var data = new float[count];
        var start = offset + headerLength;
        for (var i = 0; i < count; i++)
        {
            data[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(start + (4 * i)));
        }

        return (data, shape);
    }

    [GeneratedRegex(@"'shape': \(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
