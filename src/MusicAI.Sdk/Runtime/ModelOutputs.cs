using Microsoft.ML.OnnxRuntime;

namespace MusicAI.Sdk.Runtime;

/// <summary>
/// The outputs of one run of an <see cref="OnnxModel"/>. Read them with <see cref="GetSpan{T}(int)"/> (no copy) and
/// copy what you keep once into your own or pooled memory (<see cref="CopyTo{T}(int, Span{T})"/>) before disposing.
/// </summary>
/// <remarks>Owns native memory: dispose it, and do not use spans obtained from it afterwards. Not thread-safe.</remarks>
internal sealed class ModelOutputs : IDisposable
{
    private readonly IReadOnlyList<string> _names;
    private readonly IDisposableReadOnlyCollection<OrtValue> _values;
    private bool _disposed;

    internal ModelOutputs(IReadOnlyList<string> names, IDisposableReadOnlyCollection<OrtValue> values)
    {
        _names = names;
        _values = values;
    }

    /// <summary>Gets the number of outputs.</summary>
    public int Count => _names.Count;

    /// <summary>Gets the output names, in the order requested.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Gets the position of the output called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No output has that name.</exception>
    public int IndexOf(string name)
    {
        for (var i = 0; i < _names.Count; i++)
        {
            if (string.Equals(_names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"The run has no output named '{name}' (outputs: {string.Join(", ", _names)}).", nameof(name));
    }

    /// <summary>Gets an output's elements without copying.</summary>
    public ReadOnlySpan<T> GetSpan<T>(int index)
        where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _values[index].GetTensorDataAsSpan<T>();
    }

    /// <summary>Gets an output's elements without copying.</summary>
    public ReadOnlySpan<T> GetSpan<T>(string name)
        where T : unmanaged => GetSpan<T>(IndexOf(name));

    /// <summary>Gets an output's shape.</summary>
    public long[] GetShape(int index)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _values[index].GetTensorTypeAndShape().Shape;
    }

    /// <summary>Copies an output into <paramref name="destination"/>, which must be at least as long.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public void CopyTo<T>(int index, Span<T> destination)
        where T : unmanaged
    {
        var source = GetSpan<T>(index);
        if (destination.Length < source.Length)
        {
            throw new ArgumentException($"Output '{_names[index]}' has {source.Length} elements; the destination holds {destination.Length}.", nameof(destination));
        }

        source.CopyTo(destination);
    }

    /// <summary>Releases the native output memory.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _values.Dispose();
    }
}
