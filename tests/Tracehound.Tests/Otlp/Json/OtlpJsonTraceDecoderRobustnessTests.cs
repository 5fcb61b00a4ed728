using System.Buffers;
using Tracehound.Ingest.Otlp;
using Tracehound.Ingest.Otlp.Json;

namespace Tracehound.Tests.Otlp.Json;

/// <summary>
/// The decoder on damaged and oddly delivered input: every truncation fails cleanly, and any
/// segmentation of the same bytes decodes to the same batch.
/// </summary>
public sealed class OtlpJsonTraceDecoderRobustnessTests
{
    private readonly byte[] _fixture = OtlpJson.ReadFixture();

    [Fact]
    public void Decode_FixtureTruncatedAtEveryOffset_ThrowsOtlpDecodeException()
    {
        var unexpected = new List<string>();
        for (var length = 0; length < _fixture.Length; length++)
        {
            var outcome = Outcome(new ReadOnlySequence<byte>(_fixture, 0, length));
            if (outcome is not null)
            {
                unexpected.Add($"{length}: {outcome}");
            }
        }

        Assert.Empty(unexpected);
    }

    [Fact]
    public void Decode_SegmentedFixtureTruncatedAtEveryOffset_ThrowsOtlpDecodeException()
    {
        // Odd-sized segments put token boundaries everywhere, exercising the multi-segment paths.
        var sequence = ChunkedSequence.Chunks(_fixture, 7);
        var unexpected = new List<string>();
        for (var length = 0; length < _fixture.Length; length++)
        {
            var outcome = Outcome(sequence.Slice(0, length));
            if (outcome is not null)
            {
                unexpected.Add($"{length}: {outcome}");
            }
        }

        Assert.Empty(unexpected);
    }

    [Fact]
    public void Decode_FixtureSplitInTwoAtEveryOffset_DecodesIdentically()
    {
        var expected = SpanBatchText.Describe(OtlpJson.Decode(_fixture));
        var different = new List<int>();
        for (var cut = 1; cut < _fixture.Length; cut++)
        {
            var batch = OtlpJsonTraceDecoder.Decode(ChunkedSequence.SplitAt(_fixture, cut));
            if (SpanBatchText.Describe(batch) != expected)
            {
                different.Add(cut);
            }
        }

        Assert.Empty(different);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(100)]
    [InlineData(4096)]
    public void Decode_FixtureInManySegments_DecodesIdentically(int segmentSize)
    {
        var sequence = ChunkedSequence.Chunks(_fixture, segmentSize);
        Assert.False(sequence.IsSingleSegment);

        var batch = OtlpJsonTraceDecoder.Decode(sequence);

        Assert.Equal(10, batch.Count);
        Assert.Equal(SpanBatchText.Describe(OtlpJson.Decode(_fixture)), SpanBatchText.Describe(batch));
    }

    [Fact]
    public void Decode_HandWrittenRequestWithEscapesInOneByteSegments_DecodesIdentically()
    {
        var json = OtlpJson.Request(OtlpJson.Span(
            "\"parentSpanId\":\"\\u0030102030405060708\",\"attributes\":[{\"key\":\"k\\u00e9y\",\"value\":{\"bytesValue\":\"AQID\"}},"
            + "{\"key\":\"n\",\"value\":{\"doubleValue\":\"-Infinity\"}},{\"key\":\"i\",\"value\":{\"intValue\":\"-42\"}}]"));
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);

        var whole = OtlpJson.Decode(bytes);
        var segmented = OtlpJsonTraceDecoder.Decode(ChunkedSequence.Chunks(bytes, 1));

        Assert.Equal(1, whole.Count);
        Assert.Equal(SpanBatchText.Describe(whole), SpanBatchText.Describe(segmented));
        Assert.Equal("0102030405060708", whole.Spans[0].ParentSpanId.ToHex());
        Assert.Equal("kéy", whole.Spans[0].Attributes[0].Key);
    }

    [Fact]
    public void Decode_RandomlyCorruptedFixture_SucceedsOrThrowsOtlpDecodeException()
    {
        // Fixed seed: the same corruptions every run.
        var random = new Random(20240611);
        var unexpected = new List<string>();
        for (var round = 0; round < 3000; round++)
        {
            var damaged = (byte[])_fixture.Clone();
            var flips = random.Next(1, 4);
            for (var i = 0; i < flips; i++)
            {
                damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            }

            var outcome = Outcome(new ReadOnlySequence<byte>(damaged), allowSuccess: true);
            if (outcome is not null)
            {
                unexpected.Add($"round {round}: {outcome}");
            }
        }

        Assert.Empty(unexpected);
    }

    [Theory]
    [InlineData("{\"a\":tr", 5)]
    [InlineData("{\"a\":fals", 7)]
    [InlineData("{\"a\":n", 5)]
    public void Decode_LiteralCutAtEndOfSegmentedInput_ThrowsOtlpDecodeException(string json, int cut)
    {
        // Ends in an empty segment: the layout in which Utf8JsonReader itself throws IndexOutOfRangeException.
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        var sequence = ChunkedSequence.SplitAt(bytes, cut, bytes.Length);

        Assert.Null(Outcome(sequence));
    }

    [Fact]
    public void Decode_RandomlyCorruptedSegmentedFixture_SucceedsOrThrowsOtlpDecodeException()
    {
        var random = new Random(7);
        var unexpected = new List<string>();
        for (var round = 0; round < 1000; round++)
        {
            var damaged = (byte[])_fixture.Clone();
            damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            var length = random.Next(damaged.Length + 1);
            var cuts = Enumerable.Range(0, 20).Select(_ => random.Next(length + 1)).Order().ToArray();

            var outcome = Outcome(ChunkedSequence.SplitAt(damaged[..length], cuts), allowSuccess: true);
            if (outcome is not null)
            {
                unexpected.Add($"round {round}: {outcome}");
            }
        }

        Assert.Empty(unexpected);
    }

    /// <summary>Null when the decoder behaved (threw OtlpDecodeException, or succeeded if allowed); else what happened.</summary>
    private static string? Outcome(ReadOnlySequence<byte> payload, bool allowSuccess = false)
    {
        try
        {
            var batch = OtlpJsonTraceDecoder.Decode(payload);
            return allowSuccess ? null : $"decoded {batch.Count} spans";
        }
        catch (OtlpDecodeException ex)
        {
            return ex.Message.Length > 0 ? null : "empty message";
        }
#pragma warning disable CA1031 // The test reports any other exception type as a failure.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }
}
