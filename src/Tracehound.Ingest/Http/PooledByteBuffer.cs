using System.Buffers;

namespace Tracehound.Ingest.Http;

/// <summary>A growable byte buffer rented from <see cref="ArrayPool{T}"/> with a hard size cap.</summary>
internal sealed class PooledByteBuffer : IDisposable
{
    private readonly long _limit;
    private byte[] _array;

    public PooledByteBuffer(int initialSize, long limit)
    {
        _limit = limit;
        _array = ArrayPool<byte>.Shared.Rent(Math.Max(initialSize, 256));
    }

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Memory => _array.AsMemory(0, Length);

    /// <summary>Room to write at least one more byte; false once <c>limit</c> bytes are held.</summary>
    public bool TryGetWritableMemory(out Memory<byte> memory)
    {
        if (Length >= _limit)
        {
            memory = default;
            return false;
        }

        if (Length == _array.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent((int)Math.Min(_limit, (long)_array.Length * 2));
            _array.AsSpan(0, Length).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_array);
            _array = grown;
        }

        memory = _array.AsMemory(Length, (int)Math.Min(_array.Length - Length, _limit - Length));
        return true;
    }

    public void Advance(int count) => Length += count;

    public void Dispose()
    {
        // Telemetry bytes may be sensitive: clear them before the array goes back to the shared pool.
        _array.AsSpan(0, Length).Clear();
        ArrayPool<byte>.Shared.Return(_array);
        _array = [];
        Length = 0;
    }
}
