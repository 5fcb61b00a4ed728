using Tracehound.Model;

namespace Tracehound.Processing.Sampling;

/// <summary>
/// Splits a batch into trace chunks, the unit of a sampling decision: the spans of one Datadog
/// chunk (same chunk object and trace id), or for spans of OpenTelemetry origin the spans of one
/// trace id. One instance per thread, reused across batches.
/// </summary>
internal sealed class TraceChunks
{
    private readonly Dictionary<(object? Chunk, TraceId TraceId), int> _index = [];
    private readonly List<List<Span>> _chunks = [];
    private int[] _chunkOfSpan = [];

    public int Count { get; private set; }

    public List<Span> this[int chunk] => _chunks[chunk];

    /// <summary>Which chunk the batch's span at <paramref name="spanIndex"/> belongs to.</summary>
    public int ChunkOf(int spanIndex) => _chunkOfSpan[spanIndex];

    public void Split(List<Span> spans)
    {
        Clear();
        if (_chunkOfSpan.Length < spans.Count)
        {
            _chunkOfSpan = new int[Math.Max(spans.Count, _chunkOfSpan.Length * 2)];
        }

        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            object? chunkObject = span.Datadog is { Derived: false } info && !ReferenceEquals(info.Chunk, DatadogChunkInfo.None) ? info.Chunk : null;
            var key = (chunkObject, chunkObject is null ? span.TraceId : new TraceId(0, span.TraceId.Low));
            if (!_index.TryGetValue(key, out var chunk))
            {
                chunk = Count++;
                _index[key] = chunk;
                if (_chunks.Count < Count)
                {
                    _chunks.Add([]);
                }
            }

            _chunks[chunk].Add(span);
            _chunkOfSpan[i] = chunk;
        }
    }

    /// <summary>Lets go of the batch's spans; drops buffers a very large batch grew.</summary>
    public void Clear()
    {
        for (var i = 0; i < Count; i++)
        {
            _chunks[i].Clear();
        }

        Count = 0;
        _index.Clear();
        if (_chunks.Count > 4096)
        {
            _chunks.RemoveRange(4096, _chunks.Count - 4096);
            _index.TrimExcess();
        }

        if (_chunkOfSpan.Length > 65536)
        {
            _chunkOfSpan = [];
        }
    }

    /// <summary>The chunk's root: the span without parent, else the first whose parent is not in the chunk.</summary>
    public static Span RootOf(List<Span> chunk)
    {
        foreach (var span in chunk)
        {
            if (span.ParentSpanId.IsEmpty)
            {
                return span;
            }
        }

        // No span without parent (a partial chunk): rare, so a set here costs nothing overall.
        var ids = new HashSet<ulong>(chunk.Count);
        foreach (var span in chunk)
        {
            ids.Add(span.SpanId.Value);
        }

        foreach (var span in chunk)
        {
            if (!ids.Contains(span.ParentSpanId.Value))
            {
                return span;
            }
        }

        return chunk[0];
    }
}
