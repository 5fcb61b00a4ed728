using System.Buffers;

namespace Tracehound.Processing.Obfuscation;

/// <summary>
/// The output of one obfuscation: starts on a caller-provided (usually stack) span and moves to a pooled
/// array only if the result outgrows it, so the only heap allocation left is the final string.
/// </summary>
internal ref struct ObfuscationBuffer
{
    private Span<char> _chars;
    private char[]? _rented;
    private int _length;

    /// <summary>Writes into <paramref name="initial"/>, or into a pooled array of <paramref name="capacity"/> chars when it is too small.</summary>
    public ObfuscationBuffer(Span<char> initial, int capacity)
    {
        _rented = initial.Length >= capacity ? null : ArrayPool<char>.Shared.Rent(capacity);
        _chars = _rented ?? initial;
        _length = 0;
    }

    public readonly int Length => _length;

    public readonly ReadOnlySpan<char> Written => _chars[.._length];

    public readonly char this[int index] => _chars[index];

    public void Append(char c)
    {
        if (_length == _chars.Length)
        {
            Grow(1);
        }
        _chars[_length++] = c;
    }

    public void Append(scoped ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _chars.Length)
        {
            Grow(text.Length);
        }
        text.CopyTo(_chars[_length..]);
        _length += text.Length;
    }

    /// <summary>Forgets everything written after <paramref name="length"/> (used to retry or undo).</summary>
    public void Truncate(int length) => _length = Math.Min(length, _length);

    /// <summary>The result as a string; <paramref name="original"/> itself when nothing changed.</summary>
    public readonly string ToString(string original) =>
        Written.SequenceEqual(original) ? original : new string(Written);

    public override readonly string ToString() => new(Written);

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<char>.Shared.Return(_rented);
            _rented = null;
        }
    }

    private void Grow(int needed)
    {
        var bigger = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _length + needed + 16));
        _chars[.._length].CopyTo(bigger);
        if (_rented is not null)
        {
            ArrayPool<char>.Shared.Return(_rented);
        }
        _rented = bigger;
        _chars = bigger;
    }
}
