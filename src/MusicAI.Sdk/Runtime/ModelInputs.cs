using System.Buffers;
using Microsoft.ML.OnnxRuntime;

namespace MusicAI.Sdk.Runtime;

/// <summary>
/// The named inputs of one or more runs of an <see cref="OnnxModel"/>: <see cref="OrtValue"/>s created over caller
/// memory or over arrays rented from <see cref="ArrayPool{T}"/> (no array is allocated per run).
/// </summary>
/// <remarks>
/// Create one instance per operation with the chunk shapes, refill the buffers between runs
/// (<see cref="GetBuffer{T}(string)"/>) and run again: that is allocation-free per chunk. Not thread-safe. Disposing
/// releases the <see cref="OrtValue"/>s and returns rented arrays to the pool; memory passed to
/// <see cref="Add{T}(string, Memory{T}, long[])"/> stays owned by the caller and must outlive this object.
/// </remarks>
internal sealed class ModelInputs : IDisposable
{
    private readonly List<string> _names = [];
    private readonly List<OrtValue> _values = [];
    private readonly List<Action> _returnRented = [];
    private bool _disposed;

    /// <summary>Gets the input names, in the order they were added.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Gets the input values, parallel to <see cref="Names"/>.</summary>
    internal IReadOnlyList<OrtValue> Values => _values;

    /// <summary>Adds an input over caller-owned memory (pinned until this object is disposed).</summary>
    /// <param name="name">The model input name.</param>
    /// <param name="data">Exactly the product of <paramref name="shape"/> elements.</param>
    /// <param name="shape">The tensor shape; kept by the runtime, so reuse one array per shape.</param>
    /// <exception cref="ArgumentException">The name is used twice, or the length does not match the shape.</exception>
    public void Add<T>(string name, Memory<T> data, long[] shape)
        where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var count = ValidateNew(name, shape);
        if (data.Length != count)
        {
            throw new ArgumentException($"Input '{name}' has {data.Length} elements but shape [{string.Join(", ", shape)}] needs {count}.", nameof(data));
        }

        _values.Add(OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, data, shape));
        _names.Add(name);
    }

    /// <summary>
    /// Adds an input over an array rented from <see cref="ArrayPool{T}.Shared"/> and returns it to fill.
    /// </summary>
    /// <param name="name">The model input name.</param>
    /// <param name="shape">The tensor shape; kept by the runtime, so reuse one array per shape.</param>
    /// <returns>The input's elements (contents undefined until written).</returns>
    /// <exception cref="ArgumentException">The name is used twice, or the shape is invalid.</exception>
    public Span<T> AddPooled<T>(string name, long[] shape)
        where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var count = checked((int)ValidateNew(name, shape));
        var array = ArrayPool<T>.Shared.Rent(Math.Max(count, 1));
        try
        {
            _values.Add(OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, array.AsMemory(0, count), shape));
        }
        catch
        {
            ArrayPool<T>.Shared.Return(array);
            throw;
        }

        _names.Add(name);
        _returnRented.Add(() => ArrayPool<T>.Shared.Return(array));
        return array.AsSpan(0, count);
    }

    /// <summary>Gets the writable elements of an input, to refill it before the next run.</summary>
    /// <exception cref="ArgumentException">No input has that name.</exception>
    public Span<T> GetBuffer<T>(string name)
        where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var index = _names.IndexOf(name);
        if (index < 0)
        {
            throw new ArgumentException($"No input named '{name}' was added.", nameof(name));
        }

        return _values[index].GetTensorMutableDataAsSpan<T>();
    }

    /// <summary>Releases the values and returns rented arrays to the pool.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var value in _values)
        {
            value.Dispose();
        }

        foreach (var giveBack in _returnRented)
        {
            giveBack();
        }

        _values.Clear();
        _returnRented.Clear();
    }

    private long ValidateNew(string name, long[] shape)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        if (_names.Contains(name))
        {
            throw new ArgumentException($"Input '{name}' was already added.", nameof(name));
        }

        long count = 1;
        foreach (var dimension in shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentException($"Input '{name}' shape [{string.Join(", ", shape)}] has a negative dimension.", nameof(shape));
            }

            count = checked(count * dimension);
        }

        return count;
    }
}
