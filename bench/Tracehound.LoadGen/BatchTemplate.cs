using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;
using Tracehound.Model;

namespace Tracehound.LoadGen;

/// <summary>
/// An encoded request (OTLP, Datadog v0.4 or Datadog log JSON: <see cref="PayloadFormat"/>) that
/// can be sent many times as new data: each rendering rewrites every trace id (XOR with a per-send
/// salt, so spans of one trace keep sharing an id) and shifts every timestamp. Encoding once and patching bytes keeps the load generator's own CPU small, since it
/// shares the machine with the server it measures.
/// </summary>
internal sealed class BatchTemplate
{
    private readonly byte[] _bytes;
    private readonly PayloadFormat _format;
    private readonly int[] _traceIdOffsets;
    private readonly int[] _timestampOffsets;

    public BatchTemplate(byte[] encoded, IReadOnlyList<Span> spans, PayloadFormat format = PayloadFormat.OtlpProtobuf)
    {
        _bytes = encoded;
        _format = format;
        SpanCount = spans.Count;
        var traceIds = spans.Select(s => s.TraceId).Concat(spans.SelectMany(s => s.Links).Select(l => l.TraceId)).Distinct().ToList();
        var timestamps = spans.SelectMany(s => new[] { s.StartTimeUnixNano, s.EndTimeUnixNano }.Concat(s.Events.Select(e => e.TimeUnixNano))).Distinct().ToList();
        TraceCount = spans.Select(s => s.TraceId).Distinct().Count();
        MinStartUnixNano = spans.Min(s => s.StartTimeUnixNano);
        MaxEndUnixNano = spans.Max(s => s.EndTimeUnixNano);
        if (format == PayloadFormat.DatadogLogsJson)
        {
            // Text: several nanosecond times can print as the same microsecond, so search each text once.
            _traceIdOffsets = [.. traceIds.Select(id => id.ToHex()).Distinct().SelectMany(hex => FindAll(encoded, Encoding.ASCII.GetBytes(hex)))];
            _timestampOffsets = [.. timestamps.Select(DatadogLogsJsonEncoder.FormatTimestamp).Distinct().SelectMany(text => FindAll(encoded, Encoding.ASCII.GetBytes(text)))];
            return;
        }

        Span<byte> pattern = stackalloc byte[16];
        var idOffsets = new List<int>();
        foreach (var id in traceIds)
        {
            if (format == PayloadFormat.OtlpProtobuf)
            {
                id.WriteBytes(pattern);
                idOffsets.AddRange(FindAll(encoded, pattern));
            }
            else
            {
                // Datadog carries the low 64 bits as a msgpack uint64: 0xcf then 8 bytes big-endian.
                BinaryPrimitives.WriteUInt64BigEndian(pattern, id.Low);
                idOffsets.AddRange(FindAll(encoded, pattern[..8]));
            }
        }

        var timeOffsets = new List<int>();
        foreach (var time in timestamps)
        {
            if (format == PayloadFormat.OtlpProtobuf)
            {
                BinaryPrimitives.WriteInt64LittleEndian(pattern, time);
            }
            else
            {
                BinaryPrimitives.WriteInt64BigEndian(pattern, time);
            }

            timeOffsets.AddRange(FindAll(encoded, pattern[..8]));
        }

        _traceIdOffsets = [.. idOffsets];
        _timestampOffsets = [.. timeOffsets];
    }

    public int SpanCount { get; }

    public int TraceCount { get; }

    public long MinStartUnixNano { get; }

    public long MaxEndUnixNano { get; }

    public int Length => _bytes.Length;

    /// <summary>Writes a copy with trace ids salted and times shifted by <paramref name="timeShiftNanos"/>.</summary>
    public void Render(Span<byte> destination, ulong saltHigh, ulong saltLow, long timeShiftNanos)
    {
        _bytes.CopyTo(destination);
        if (_format == PayloadFormat.DatadogLogsJson)
        {
            RenderText(destination, saltHigh, saltLow, timeShiftNanos);
            return;
        }

        foreach (var offset in _traceIdOffsets)
        {
            if (_format == PayloadFormat.DatadogMsgpack)
            {
                var id = destination.Slice(offset, 8);
                BinaryPrimitives.WriteUInt64BigEndian(id, BinaryPrimitives.ReadUInt64BigEndian(id) ^ saltLow);
                continue;
            }

            var high = destination.Slice(offset, 8);
            var low = destination.Slice(offset + 8, 8);
            BinaryPrimitives.WriteUInt64BigEndian(high, BinaryPrimitives.ReadUInt64BigEndian(high) ^ saltHigh);
            BinaryPrimitives.WriteUInt64BigEndian(low, BinaryPrimitives.ReadUInt64BigEndian(low) ^ saltLow);
        }

        foreach (var offset in _timestampOffsets)
        {
            var time = destination.Slice(offset, 8);
            if (_format == PayloadFormat.OtlpProtobuf)
            {
                BinaryPrimitives.WriteInt64LittleEndian(time, BinaryPrimitives.ReadInt64LittleEndian(time) + timeShiftNanos);
            }
            else
            {
                BinaryPrimitives.WriteInt64BigEndian(time, BinaryPrimitives.ReadInt64BigEndian(time) + timeShiftNanos);
            }
        }
    }

    /// <summary>The trace ids a rendering with this salt contains (Datadog ones are 64-bit: the high half is zero).</summary>
    public IEnumerable<TraceId> TraceIds(IReadOnlyList<Span> spans, ulong saltHigh, ulong saltLow) =>
        spans.Select(s => s.TraceId).Distinct().Select(id => _format == PayloadFormat.DatadogMsgpack
            ? new TraceId(0, id.Low ^ saltLow)
            : new TraceId(id.High ^ saltHigh, id.Low ^ saltLow));

    /// <summary>The JSON rendering: the same salt and shift, on hex and decimal text of unchanged width.</summary>
    private void RenderText(Span<byte> destination, ulong saltHigh, ulong saltLow, long timeShiftNanos)
    {
        Span<char> hex = stackalloc char[32];
        foreach (var offset in _traceIdOffsets)
        {
            var text = destination.Slice(offset, 32);
            Encoding.ASCII.GetChars(text, hex);
            TraceId.TryParseHex(hex, out var id);
            Encoding.ASCII.GetBytes(new TraceId(id.High ^ saltHigh, id.Low ^ saltLow).ToHex(), text);
        }

        var shiftMicros = timeShiftNanos / 1000;
        foreach (var offset in _timestampOffsets)
        {
            // 13 digits of milliseconds, a point, 3 digits of microseconds.
            var time = destination.Slice(offset, 17);
            Utf8Parser.TryParse(time[..13], out long millis, out _);
            Utf8Parser.TryParse(time[14..], out long micros, out _);
            var shifted = (millis * 1000) + micros + shiftMicros;
            Utf8Formatter.TryFormat(shifted / 1000, time[..13], out _);
            Utf8Formatter.TryFormat(shifted % 1000, time[14..], out _, new StandardFormat('D', 3));
        }
    }

    private static List<int> FindAll(byte[] haystack, ReadOnlySpan<byte> needle)
    {
        var found = new List<int>();
        var start = 0;
        while (true)
        {
            var index = haystack.AsSpan(start).IndexOf(needle);
            if (index < 0)
            {
                return found;
            }

            found.Add(start + index);
            start += index + needle.Length;
        }
    }
}
