using System.Buffers;
using System.Buffers.Binary;

namespace Tracehound.Processing.Stats;

/// <summary>
/// Binary form of a <see cref="DDSketch"/>: the DDSketch protobuf message of sketches-go / libdatadog
/// (<c>DDSketch{mapping=1 IndexMapping, positiveValues=2 Store, negativeValues=3 Store, zeroCount=4 double}</c>,
/// <c>IndexMapping{gamma=1 double, indexOffset=2 double, interpolation=3 enum}</c>,
/// <c>Store{binCounts=1 map&lt;sint32,double&gt;, contiguousBinCounts=2 packed double, contiguousBinIndexOffset=3 sint32}</c>),
/// which is what the agent puts in a stats group's OkSummary / ErrorSummary. Positive bins are written contiguous, or as binCounts entries when that is shorter (sparse sketches of few spans).
/// For persisting, Tracehound appends three fields of its own that the exact summary statistics need and that
/// standard decoders skip as unknown fields: 16 = min, 17 = max, 18 = sum (doubles, written only for a non-empty
/// sketch). Without them (a sketch from a tracer or the agent) min, max and sum are estimated from the bins.
/// <see cref="DDSketch.IsCollapsed"/> is not persisted (a decoded sketch reports false until it collapses again).
/// Malformed input of any kind throws <see cref="InvalidDataException"/> saying what is wrong; memory use is bounded
/// by the store's bin cap whatever the declared counts.
/// </summary>
public static class DDSketchCodec
{
    private const int MinFieldNumber = 16;
    private const int MaxFieldNumber = 17;
    private const int SumFieldNumber = 18;

    private const int WireVarint = 0;
    private const int WireFixed64 = 1;
    private const int WireLengthDelimited = 2;
    private const int WireFixed32 = 5;

    /// <summary>Encodes a sketch; <paramref name="includeSummary"/> false gives the plain Datadog message.</summary>
    public static byte[] Encode(DDSketch sketch, bool includeSummary = true)
    {
        ArgumentNullException.ThrowIfNull(sketch);
        var writer = new ArrayBufferWriter<byte>(64 + (sketch.Store.IsEmpty ? 0 : 8 * sketch.Store.Counts.Length));

        var mapping = sketch.Mapping;
        var mappingLength = 9 + (mapping.IndexOffset != 0 ? 9 : 0);
        WriteTag(writer, 1, WireLengthDelimited);
        WriteVarint(writer, (ulong)mappingLength);
        WriteDouble(writer, 1, mapping.Gamma);
        if (mapping.IndexOffset != 0)
        {
            WriteDouble(writer, 2, mapping.IndexOffset);
        }
        // interpolation = NONE (0) is the proto3 default and is not written.

        WriteStore(writer, 2, sketch.Store);
        WriteTag(writer, 3, WireLengthDelimited); // negative values: always empty, durations are ≥ 0
        WriteVarint(writer, 0);
        if (sketch.ZeroCount != 0)
        {
            WriteDouble(writer, 4, sketch.ZeroCount);
        }
        if (includeSummary && !sketch.IsEmpty)
        {
            WriteDouble(writer, MinFieldNumber, sketch.Min);
            WriteDouble(writer, MaxFieldNumber, sketch.Max);
            WriteDouble(writer, SumFieldNumber, sketch.Sum);
        }
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes a sketch written by <see cref="Encode"/> or by a Datadog tracer / agent.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid DDSketch of non-negative values.</exception>
    public static DDSketch Decode(ReadOnlySpan<byte> data)
    {
        LogarithmicMapping? mapping = null;
        var positive = new List<(int Index, double Count)>();
        var zeroCount = 0.0;
        double? min = null, max = null, sum = null;

        var reader = new Reader(data);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1 when wire == WireLengthDelimited:
                    mapping = ReadMapping(reader.ReadLengthDelimited());
                    break;
                case 2 when wire == WireLengthDelimited:
                    ReadStore(reader.ReadLengthDelimited(), positive, "positiveValues");
                    break;
                case 3 when wire == WireLengthDelimited:
                    var negative = new List<(int Index, double Count)>();
                    ReadStore(reader.ReadLengthDelimited(), negative, "negativeValues");
                    if (negative.Exists(bin => bin.Count != 0))
                    {
                        throw Invalid("the sketch has negative values, which durations cannot have");
                    }
                    break;
                case 4 when wire == WireFixed64:
                    zeroCount = CheckCount(reader.ReadDouble(), "zeroCount");
                    break;
                case MinFieldNumber when wire == WireFixed64:
                    min = reader.ReadDouble();
                    break;
                case MaxFieldNumber when wire == WireFixed64:
                    max = reader.ReadDouble();
                    break;
                case SumFieldNumber when wire == WireFixed64:
                    sum = reader.ReadDouble();
                    break;
                case 1 or 2 or 3 or 4 or MinFieldNumber or MaxFieldNumber or SumFieldNumber:
                    throw Invalid($"field {field} has wire type {wire}");
                default:
                    reader.Skip(wire);
                    break;
            }
        }
        if (mapping is null)
        {
            throw Invalid("the index mapping is missing");
        }

        var sketch = new DDSketch(mapping, new CollapsingLowestDenseStore());
        // Highest index first: the store then takes its final range at once and every lower bin is either in range
        // or collapses into the lowest one, so even a hostile list of far-apart indexes costs no reallocations.
        positive.Sort((a, b) => b.Index.CompareTo(a.Index));
        foreach (var (index, count) in positive)
        {
            sketch.Store.Add(index, count);
        }
        var store = sketch.Store;
        var hasBins = !store.IsEmpty && store.TotalCount > 0;
        var empty = zeroCount == 0 && !hasBins;
        if (min is null && max is null && sum is null)
        {
            // A plain Datadog sketch: estimate the summary from the bins' representative values.
            var estimatedSum = 0.0;
            if (hasBins)
            {
                var counts = store.Counts;
                for (var i = 0; i < counts.Length; i++)
                {
                    estimatedSum += counts[i] * mapping.Value(store.MinIndex + i);
                }
            }
            sketch.SetSummary(
                zeroCount,
                empty ? double.NaN : zeroCount > 0 ? 0 : mapping.Value(store.MinIndex),
                empty ? double.NaN : hasBins ? mapping.Value(store.MaxIndex) : 0,
                estimatedSum);
            return sketch;
        }
        if (min is not { } lo || max is not { } hi || sum is not { } total)
        {
            throw Invalid("min, max and sum must be present together");
        }
        if (empty)
        {
            throw Invalid("an empty sketch has min/max/sum");
        }
        if (!(lo >= 0) || !(hi >= lo) || !double.IsFinite(hi) || !(total >= 0) || !double.IsFinite(total))
        {
            throw Invalid($"inconsistent summary (min {lo}, max {hi}, sum {total})");
        }
        sketch.SetSummary(zeroCount, lo, hi, total);
        return sketch;
    }

    private static LogarithmicMapping ReadMapping(ReadOnlySpan<byte> data)
    {
        var gamma = 0.0;
        var indexOffset = 0.0;
        var reader = new Reader(data);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1 when wire == WireFixed64:
                    gamma = reader.ReadDouble();
                    break;
                case 2 when wire == WireFixed64:
                    indexOffset = reader.ReadDouble();
                    break;
                case 3 when wire == WireVarint:
                    var interpolation = reader.ReadVarint();
                    if (interpolation != 0)
                    {
                        throw Invalid($"interpolation {interpolation} is not supported (only NONE, the logarithmic mapping)");
                    }
                    break;
                case 1 or 2 or 3:
                    throw Invalid($"index mapping field {field} has wire type {wire}");
                default:
                    reader.Skip(wire);
                    break;
            }
        }
        if (!(gamma > 1 && gamma <= 2))
        {
            throw Invalid($"gamma {gamma} is not in (1, 2]");
        }
        if (!double.IsFinite(indexOffset) || Math.Abs(indexOffset) > 1 << 30)
        {
            throw Invalid($"index offset {indexOffset} is out of range");
        }
        return LogarithmicMapping.FromGamma(gamma, indexOffset);
    }

    private static void ReadStore(ReadOnlySpan<byte> data, List<(int Index, double Count)> bins, string name)
    {
        var contiguousOffset = 0L;
        var contiguous = new List<double>();
        var reader = new Reader(data);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1 when wire == WireLengthDelimited:
                    bins.Add(ReadMapEntry(reader.ReadLengthDelimited(), name));
                    break;
                case 2 when wire == WireLengthDelimited:
                    var packed = reader.ReadLengthDelimited();
                    if (packed.Length % 8 != 0)
                    {
                        throw Invalid($"{name}.contiguousBinCounts has {packed.Length} bytes, not a multiple of 8");
                    }
                    for (var i = 0; i < packed.Length; i += 8)
                    {
                        contiguous.Add(CheckCount(BinaryPrimitives.ReadDoubleLittleEndian(packed[i..]), name));
                    }
                    break;
                case 2 when wire == WireFixed64:
                    contiguous.Add(CheckCount(reader.ReadDouble(), name));
                    break;
                case 3 when wire == WireVarint:
                    contiguousOffset = ZigZag32(reader.ReadVarint(), name);
                    break;
                case 1 or 2 or 3:
                    throw Invalid($"{name} field {field} has wire type {wire}");
                default:
                    reader.Skip(wire);
                    break;
            }
        }
        // The bins' indexes are known only now: contiguousBinIndexOffset may come after the counts.
        if (contiguous.Count > 0 && contiguousOffset + contiguous.Count - 1 > int.MaxValue)
        {
            throw Invalid($"{name} contiguous bins run past the largest index");
        }
        for (var i = 0; i < contiguous.Count; i++)
        {
            bins.Add(((int)(contiguousOffset + i), contiguous[i]));
        }
    }

    private static (int Index, double Count) ReadMapEntry(ReadOnlySpan<byte> data, string name)
    {
        var index = 0;
        var count = 0.0;
        var reader = new Reader(data);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1 when wire == WireVarint:
                    index = ZigZag32(reader.ReadVarint(), name);
                    break;
                case 2 when wire == WireFixed64:
                    count = CheckCount(reader.ReadDouble(), name);
                    break;
                case 1 or 2:
                    throw Invalid($"{name}.binCounts entry field {field} has wire type {wire}");
                default:
                    reader.Skip(wire);
                    break;
            }
        }
        return (index, count);
    }

    private static int ZigZag32(ulong raw, string name)
    {
        if (raw > uint.MaxValue)
        {
            throw Invalid($"{name} has a bin index that does not fit in sint32");
        }
        var value = (uint)raw;
        return (int)(value >> 1) ^ -(int)(value & 1);
    }

    private static double CheckCount(double count, string name) =>
        count >= 0 && double.IsFinite(count) ? count : throw Invalid($"{name} has a count of {count}");

    private static InvalidDataException Invalid(string reason) => new($"Invalid DDSketch encoding: {reason}.");

    private static void WriteStore(ArrayBufferWriter<byte> writer, int field, CollapsingLowestDenseStore store)
    {
        WriteTag(writer, field, WireLengthDelimited);
        if (store.IsEmpty)
        {
            WriteVarint(writer, 0);
            return;
        }
        var counts = store.Counts;
        var zigzagOffset = ZigZag(store.MinIndex);
        var packedLength = (ulong)counts.Length * 8;
        var contiguousLength = 1 + VarintLength(packedLength) + (int)packedLength + 1 + VarintLength(zigzagOffset);
        // A stats group of a few spans has a few non-zero bins spread over hundreds: as binCounts entries (both
        // layouts are the Datadog message's, and Decode reads either) it takes ~14 bytes per span, not 8 per bin.
        var sparseLength = 0;
        for (var i = 0; i < counts.Length && sparseLength < contiguousLength; i++)
        {
            if (counts[i] != 0)
            {
                var entryLength = MapEntryLength(store.MinIndex + i);
                sparseLength += 1 + VarintLength((ulong)entryLength) + entryLength;
            }
        }
        if (sparseLength < contiguousLength)
        {
            WriteVarint(writer, (ulong)sparseLength);
            for (var i = 0; i < counts.Length; i++)
            {
                if (counts[i] != 0)
                {
                    var index = store.MinIndex + i;
                    WriteTag(writer, 1, WireLengthDelimited);
                    WriteVarint(writer, (ulong)MapEntryLength(index));
                    WriteTag(writer, 1, WireVarint);
                    WriteVarint(writer, ZigZag(index));
                    WriteDouble(writer, 2, counts[i]);
                }
            }
            return;
        }
        WriteVarint(writer, (ulong)contiguousLength);
        WriteTag(writer, 2, WireLengthDelimited);
        WriteVarint(writer, packedLength);
        var span = writer.GetSpan((int)packedLength);
        for (var i = 0; i < counts.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(span[(i * 8)..], counts[i]);
        }
        writer.Advance((int)packedLength);
        WriteTag(writer, 3, WireVarint);
        WriteVarint(writer, zigzagOffset);
    }

    private static uint ZigZag(int value) => (uint)((value << 1) ^ (value >> 31));

    /// <summary>A binCounts map entry: key (field 1, sint32) and value (field 2, double).</summary>
    private static int MapEntryLength(int index) => 1 + VarintLength(ZigZag(index)) + 1 + 8;

    private static void WriteDouble(ArrayBufferWriter<byte> writer, int field, double value)
    {
        WriteTag(writer, field, WireFixed64);
        BinaryPrimitives.WriteDoubleLittleEndian(writer.GetSpan(8), value);
        writer.Advance(8);
    }

    private static void WriteTag(ArrayBufferWriter<byte> writer, int field, int wire) =>
        WriteVarint(writer, ((ulong)field << 3) | (uint)wire);

    private static void WriteVarint(ArrayBufferWriter<byte> writer, ulong value)
    {
        var span = writer.GetSpan(10);
        var length = 0;
        while (value >= 0x80)
        {
            span[length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[length++] = (byte)value;
        writer.Advance(length);
    }

    private static int VarintLength(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }
        return length;
    }

    /// <summary>A bounds-checked cursor over protobuf bytes.</summary>
    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public readonly bool AtEnd => _position >= _data.Length;

        public (int Field, int Wire) ReadTag()
        {
            var tag = ReadVarint();
            var field = tag >> 3;
            if (field == 0 || field > 536_870_911)
            {
                throw Invalid($"field number {field} at byte {_position}");
            }
            return ((int)field, (int)(tag & 7));
        }

        public ulong ReadVarint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (_position >= _data.Length)
                {
                    throw Invalid("a varint runs past the end of the data");
                }
                var b = _data[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
            throw Invalid("a varint is longer than 10 bytes");
        }

        public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

        public ReadOnlySpan<byte> ReadLengthDelimited()
        {
            var length = ReadVarint();
            if (length > (ulong)(_data.Length - _position))
            {
                throw Invalid($"a length of {length} runs past the end of the data ({_data.Length - _position} bytes left)");
            }
            return Take((int)length);
        }

        public void Skip(int wire)
        {
            switch (wire)
            {
                case WireVarint:
                    ReadVarint();
                    break;
                case WireFixed64:
                    Take(8);
                    break;
                case WireLengthDelimited:
                    ReadLengthDelimited();
                    break;
                case WireFixed32:
                    Take(4);
                    break;
                default:
                    throw Invalid($"unsupported wire type {wire}");
            }
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count > _data.Length - _position)
            {
                throw Invalid($"{count} bytes expected at byte {_position}, {_data.Length - _position} left");
            }
            var slice = _data.Slice(_position, count);
            _position += count;
            return slice;
        }
    }
}
