using Google.Protobuf;
using Tracehound.Processing.Stats;

namespace Tracehound.Tests.Stats;

public sealed class DDSketchCodecTests
{
    public static IEnumerable<object[]> Cases => SketchData.DistributionsAndSeeds(seeds: 3);

    [Theory]
    [MemberData(nameof(Cases))]
    public void EncodeDecode_RoundTrip_SameSketch(string distribution, int seed)
    {
        var sketch = new DDSketch();
        var random = new Random(seed);
        foreach (var value in SketchData.Generate(distribution, seed, 1000))
        {
            sketch.Add(value, random.Next(1, 5) / 2.0);
        }
        sketch.Add(0, seed);

        var decoded = DDSketchCodec.Decode(DDSketchCodec.Encode(sketch));

        DDSketchMergeTests.AssertSameSketch(sketch, decoded);
        Assert.Equal(sketch.Sum, decoded.Sum);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 20)]
    [InlineData(4, 200)]
    public void EncodeDecode_FewSpreadValues_SameSketchInBinCountsEntries(int seed, int values)
    {
        // Durations of a stats group of a few spans: a handful of bins over a range of hundreds.
        var sketch = new DDSketch();
        var random = new Random(seed);
        for (var i = 0; i < values; i++)
        {
            sketch.Add(Math.Round(1e6 * Math.Pow(2000, random.NextDouble())), random.Next(1, 3));
        }

        var bytes = DDSketchCodec.Encode(sketch);
        var decoded = DDSketchCodec.Decode(bytes);

        DDSketchMergeTests.AssertSameSketch(sketch, decoded);
        Assert.Equal(sketch.Sum, decoded.Sum);
        var nonZeroBins = sketch.Store.Counts.ToArray().Count(c => c != 0);
        var contiguousBytes = 8 * sketch.Store.Counts.Length;
        Assert.True(bytes.Length < 100 + Math.Min(contiguousBytes, 14 * nonZeroBins), $"{bytes.Length} bytes");
    }

    [Fact]
    public void Encode_SparseBins_AreProtobufBinCountsMapEntries()
    {
        var sketch = new DDSketch();
        sketch.Add(1);        // index 0
        sketch.Add(1000, 3);  // index ~345

        var input = new CodedInputStream(DDSketchCodec.Encode(sketch, includeSummary: false));
        var entries = new List<(int Index, double Count)>();
        while (input.ReadTag() is var tag && tag != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) != 2)
            {
                input.SkipLastField();
                continue;
            }

            var store = new CodedInputStream(input.ReadBytes().ToByteArray());
            while (store.ReadTag() is var storeTag && storeTag != 0)
            {
                Assert.Equal(WireFormat.MakeTag(1, WireFormat.WireType.LengthDelimited), storeTag);
                var entry = new CodedInputStream(store.ReadBytes().ToByteArray());
                Assert.Equal(WireFormat.MakeTag(1, WireFormat.WireType.Varint), entry.ReadTag());
                var index = entry.ReadSInt32();
                Assert.Equal(WireFormat.MakeTag(2, WireFormat.WireType.Fixed64), entry.ReadTag());
                entries.Add((index, entry.ReadDouble()));
                Assert.True(entry.IsAtEnd);
            }
        }

        Assert.Equal([(0, 1.0), (sketch.Store.MaxIndex, 3.0)], entries);
    }

    [Fact]
    public void EncodeDecode_Empty_RoundTrips()
    {
        var decoded = DDSketchCodec.Decode(DDSketchCodec.Encode(new DDSketch()));

        Assert.True(decoded.IsEmpty);
        Assert.True(double.IsNaN(decoded.Min));
        Assert.True(double.IsNaN(decoded.GetQuantile(0.5)));
    }

    [Fact]
    public void Decode_MergesWithFreshSketch()
    {
        var stored = new DDSketch();
        stored.Add(1000);
        var decoded = DDSketchCodec.Decode(DDSketchCodec.Encode(stored));

        decoded.Merge(stored);

        Assert.Equal(2, decoded.Count);
    }

    [Fact]
    public void Encode_WithoutSummary_IsDatadogsProtobufLayout()
    {
        var sketch = new DDSketch();
        sketch.Add(0);
        sketch.Add(1);       // index 0
        sketch.Add(1.0203);  // index 1 (gamma ≈ 1.020202)
        sketch.Add(1.0203, 2);

        var input = new CodedInputStream(DDSketchCodec.Encode(sketch, includeSummary: false));
        var fields = new List<int>();
        double gamma = 0, zeroCount = 0;
        int? binOffset = null;
        var bins = new List<double>();
        while (input.ReadTag() is var tag && tag != 0)
        {
            fields.Add(WireFormat.GetTagFieldNumber(tag));
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    var mapping = new CodedInputStream(input.ReadBytes().ToByteArray());
                    Assert.Equal(WireFormat.MakeTag(1, WireFormat.WireType.Fixed64), mapping.ReadTag());
                    gamma = mapping.ReadDouble();
                    Assert.True(mapping.IsAtEnd);
                    break;
                case 2:
                    var store = new CodedInputStream(input.ReadBytes().ToByteArray());
                    while (store.ReadTag() is var storeTag && storeTag != 0)
                    {
                        if (WireFormat.GetTagFieldNumber(storeTag) == 2)
                        {
                            var packed = new CodedInputStream(store.ReadBytes().ToByteArray());
                            while (!packed.IsAtEnd)
                            {
                                bins.Add(packed.ReadDouble());
                            }
                        }
                        else
                        {
                            Assert.Equal(3, WireFormat.GetTagFieldNumber(storeTag));
                            binOffset = store.ReadSInt32();
                        }
                    }
                    break;
                case 3:
                    Assert.Equal(0, input.ReadBytes().Length);
                    break;
                case 4:
                    zeroCount = input.ReadDouble();
                    break;
                default:
                    Assert.Fail($"unexpected field {WireFormat.GetTagFieldNumber(tag)}");
                    break;
            }
        }

        Assert.Equal(new[] { 1, 2, 3, 4 }, fields);
        Assert.Equal(1.01 / 0.99, gamma, 15);
        Assert.Equal(1, zeroCount);
        Assert.Equal(0, binOffset);
        Assert.Equal(new[] { 1.0, 3.0 }, bins);
    }

    [Fact]
    public void Decode_SparseBinCountsFromAnotherEncoder_ReadsBinsAndEstimatesSummary()
    {
        // A sketch as sketches-go's sparse stores write it: binCounts map entries, no contiguous bins, no summary.
        var bytes = Message(output =>
        {
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(Message(mapping =>
            {
                mapping.WriteTag(1, WireFormat.WireType.Fixed64);
                mapping.WriteDouble(1.01 / 0.99);
                mapping.WriteTag(3, WireFormat.WireType.Varint);
                mapping.WriteEnum(0);
            })));
            output.WriteTag(2, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(Message(store =>
            {
                foreach (var (index, count) in new[] { (700, 2.0), (-5, 1.0), (700, 1.0) })
                {
                    store.WriteTag(1, WireFormat.WireType.LengthDelimited);
                    store.WriteBytes(ByteString.CopyFrom(Message(entry =>
                    {
                        entry.WriteTag(1, WireFormat.WireType.Varint);
                        entry.WriteSInt32(index);
                        entry.WriteTag(2, WireFormat.WireType.Fixed64);
                        entry.WriteDouble(count);
                    })));
                }
            })));
            output.WriteTag(99, WireFormat.WireType.LengthDelimited); // an unknown field is skipped
            output.WriteString("ignored");
        });

        var sketch = DDSketchCodec.Decode(bytes);
        var gamma = 1.01 / 0.99;

        Assert.Equal(4, sketch.Count);
        Assert.True(SketchData.WithinRelativeError(Math.Pow(gamma, -5), sketch.Min, 0.01));
        Assert.True(SketchData.WithinRelativeError(Math.Pow(gamma, 700), sketch.Max, 0.01));
        Assert.True(SketchData.WithinRelativeError(Math.Pow(gamma, 700), sketch.GetQuantile(0.5), 0.01));
        Assert.True(SketchData.WithinRelativeError((3 * Math.Pow(gamma, 700)) + Math.Pow(gamma, -5), sketch.Sum, 0.01));
    }

    [Fact]
    public void Decode_Truncated_ThrowsInvalidDataOrDecodesAPrefix()
    {
        var sketch = new DDSketch();
        foreach (var value in SketchData.Generate("lognormal", 1, 200))
        {
            sketch.Add(value);
        }
        var bytes = DDSketchCodec.Encode(sketch);

        var decodedPrefixes = 0;
        for (var length = 0; length < bytes.Length; length++)
        {
            try
            {
                // A cut on a field boundary is a valid shorter message (a plain Datadog sketch without summary).
                var decoded = DDSketchCodec.Decode(bytes.AsSpan(0, length));
                Assert.True(decoded.Count <= sketch.Count);
                decodedPrefixes++;
            }
            catch (InvalidDataException error)
            {
                Assert.StartsWith("Invalid DDSketch encoding: ", error.Message, StringComparison.Ordinal);
            }
        }
        Assert.InRange(decodedPrefixes, 1, 5); // the field boundaries, not arbitrary cuts
    }

    [Fact]
    public void Decode_RandomCorruption_OnlyInvalidDataOrASketch()
    {
        var sketch = new DDSketch();
        foreach (var value in SketchData.Generate("pareto", 2, 300))
        {
            sketch.Add(value);
        }
        var original = DDSketchCodec.Encode(sketch);
        for (var seed = 0; seed < 2000; seed++)
        {
            var random = new Random(seed);
            var bytes = (byte[])original.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            try
            {
                var decoded = DDSketchCodec.Decode(bytes);
                Assert.True(decoded.Count >= 0 && decoded.Store.Counts.Length <= decoded.MaxBinCount);
            }
            catch (InvalidDataException)
            {
            }
        }
    }

    [Theory]
    [InlineData("", "the index mapping is missing")]
    [InlineData("0a 09 09 00 00 00 00 00 00 e0 3f", "gamma 0.5 is not in (1, 2]")]
    [InlineData("0a 0b 09 00 00 00 00 00 00 f0 3f 18 01", "interpolation 1 is not supported")]
    [InlineData("0a 09 09 00 00 00 00 00 00 f8 3f 21 00 00 00 00 00 00 f0 bf", "zeroCount has a count of -1")]
    [InlineData("0a 09 09 00 00 00 00 00 00 f8 3f 12 03 12 01 00", "not a multiple of 8")]
    [InlineData("0a 09 09 00 00 00 00 00 00 f8 3f 1a 0a 12 08 00 00 00 00 00 00 f0 3f", "negative values")]
    [InlineData("0a 09 09 00 00 00 00 00 00 f8 3f 12 7f", "runs past the end")]
    [InlineData("0a 09 09 00 00 00 00 00 00 f8 3f 20 01", "field 4 has wire type 0")]
    [InlineData("0a 09 09 00 00 00 00 00 00 f8 3f 2b", "unsupported wire type 3")]
    [InlineData("0a 09 09 00 00 00 00 00 00 f8 3f 28 ff ff ff ff ff ff ff ff ff ff 01", "longer than 10 bytes")]
    [InlineData("0a 09 09 00 00 00 00 00 00 f8 3f 12 18 12 10 00 00 00 00 00 00 f0 3f 00 00 00 00 00 00 f0 3f 18 fe ff ff ff 0f", "run past the largest index")]
    [InlineData("0a 09 09 00 00 00 00 00 00 f8 3f 81 01 00 00 00 00 00 00 f0 3f", "must be present together")]
    public void Decode_Corrupt_ThrowsWithReason(string hex, string reason)
    {
        var bytes = Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => DDSketchCodec.Decode(bytes));

        Assert.True(error.Message.Contains(reason, StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void Decode_InconsistentSummary_Throws()
    {
        var sketch = new DDSketch();
        sketch.Add(10);
        sketch.Add(20);
        var bytes = DDSketchCodec.Encode(sketch);
        // The last 27 bytes are min, max and sum (tag 2 bytes + 8 each): swap min and max.
        var tail = bytes.AsSpan(bytes.Length - 30);
        var min = tail.Slice(2, 8).ToArray();
        tail.Slice(12, 8).CopyTo(tail.Slice(2, 8));
        min.CopyTo(tail.Slice(12, 8));

        var error = Assert.Throws<InvalidDataException>(() => DDSketchCodec.Decode(bytes));
        Assert.Contains("inconsistent summary", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        write(output);
        output.Flush();
        return stream.ToArray();
    }
}
