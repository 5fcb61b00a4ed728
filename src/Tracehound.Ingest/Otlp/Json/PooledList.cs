using System.Buffers;
using System.Runtime.CompilerServices;

namespace Tracehound.Ingest.Otlp.Json;

/// <summary>
/// Collects the items of a JSON array of unknown length in a pooled buffer, then copies them into
/// one exact-size array: one allocation per repeated field instead of a list and its growth steps.
/// A mutable struct: keep it in a local and never copy it.
/// </summary>
internal struct PooledList<T>
{
    private T[]? _items;
    private int _count;

    public readonly int Count => _count;

    public void Add(T item)
    {
        if (_items is null)
        {
            _items = ArrayPool<T>.Shared.Rent(8);
        }
        else if (_count == _items.Length)
        {
            var larger = ArrayPool<T>.Shared.Rent(_items.Length * 2);
            _items.AsSpan().CopyTo(larger);
            Release(_items);
            _items = larger;
        }

        _items[_count++] = item;
    }

    /// <summary>The items as an exact-size array; the pooled buffer goes back to the pool.</summary>
    public T[] ToArrayAndReturn()
    {
        if (_items is null)
        {
            return [];
        }

        var result = _items.AsSpan(0, _count).ToArray();
        Release(_items);
        _items = null;
        _count = 0;
        return result;
    }

    private static void Release(T[] items) =>
        ArrayPool<T>.Shared.Return(items, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
}
