using System.Buffers;

namespace Tracehound.Tests.Otlp.Json;

/// <summary>Builds multi-segment <see cref="ReadOnlySequence{T}"/>s, the shape Kestrel hands to a decoder.</summary>
internal static class ChunkedSequence
{
    /// <summary>The bytes cut at the given offsets (ascending, inside the data) into linked segments.</summary>
    public static ReadOnlySequence<byte> SplitAt(byte[] data, params int[] cuts)
    {
        var bounds = new List<int> { 0 };
        bounds.AddRange(cuts);
        bounds.Add(data.Length);

        ChunkSegment? first = null;
        ChunkSegment? last = null;
        for (var i = 0; i < bounds.Count - 1; i++)
        {
            // Copy each piece so that no segment can see its neighbours' bytes.
            var piece = data.AsSpan(bounds[i], bounds[i + 1] - bounds[i]).ToArray();
            last = last is null ? new ChunkSegment(piece) : last.Append(piece);
            first ??= last;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    /// <summary>The bytes in segments of <paramref name="size"/> bytes (the last may be shorter).</summary>
    public static ReadOnlySequence<byte> Chunks(byte[] data, int size)
    {
        var cuts = new List<int>();
        for (var offset = size; offset < data.Length; offset += size)
        {
            cuts.Add(offset);
        }

        return SplitAt(data, [.. cuts]);
    }
}
