using System.Buffers;

namespace Tracehound.Tests.Otlp.Protobuf;

/// <summary>Builds a multi-segment <see cref="ReadOnlySequence{T}"/>, the way gRPC hands over big messages.</summary>
internal static class SegmentedSequence
{
    public static ReadOnlySequence<byte> Split(byte[] bytes, params int[] cuts)
    {
        var bounds = cuts.Append(bytes.Length).ToArray();
        var first = new Segment(bytes.AsMemory(0, bounds[0]), 0);
        var last = first;
        for (var i = 1; i < bounds.Length; i++)
        {
            last = last.Append(bytes.AsMemory(bounds[i - 1], bounds[i] - bounds[i - 1]));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    public static ReadOnlySequence<byte> Chunks(byte[] bytes, int chunkSize)
    {
        var cuts = new List<int>();
        for (var cut = chunkSize; cut < bytes.Length; cut += chunkSize)
        {
            cuts.Add(cut);
        }

        return Split(bytes, [.. cuts]);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
