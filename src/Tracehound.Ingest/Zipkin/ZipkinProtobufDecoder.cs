using System.Net;
using System.Text;
using Tracehound.Ingest.Otlp;
using Tracehound.Ingest.Otlp.Protobuf;
using Tracehound.Ingest.Text;
using Tracehound.Model;

namespace Tracehound.Ingest.Zipkin;

/// <summary>
/// Zipkin's proto3 <c>ListOfSpans</c> (zipkin.proto: <c>repeated Span spans = 1</c>), as
/// <c>POST /api/v2/spans</c> with <c>application/x-protobuf</c>. Ids are raw bytes (8 or 16),
/// addresses raw 4- or 16-byte IPs. Unknown fields are skipped.
/// </summary>
internal static class ZipkinProtobufDecoder
{
    private const ProtobufWireType Varint = ProtobufWireType.Varint;
    private const ProtobufWireType Fixed64 = ProtobufWireType.Fixed64;
    private const ProtobufWireType Bytes = ProtobufWireType.LengthDelimited;

    public static SpanBatch Decode(ReadOnlySpan<byte> payload, ZipkinSpanMapper mapper)
    {
        var batch = new SpanBatch();
        try
        {
            var reader = new ProtobufReader(payload);
            while (reader.TryReadTag(out var tag))
            {
                if (ProtobufReader.FieldNumber(tag) == 1 && ProtobufReader.WireType(tag) == Bytes)
                {
                    if (batch.Count + batch.RejectedSpans >= ZipkinLimits.MaxSpans)
                    {
                        throw new ZipkinDecodeException($"more than {ZipkinLimits.MaxSpans} spans in one request");
                    }

                    var span = reader.ReadMessage(tag);
                    mapper.Add(batch, ReadSpan(ref span));
                }
                else
                {
                    reader.SkipField(tag);
                }
            }
        }
        catch (OtlpDecodeException ex)
        {
            throw new ZipkinDecodeException("invalid protobuf: " + ex.Message, ex);
        }

        return batch;
    }

    private static ZipkinSpanDraft ReadSpan(ref ProtobufReader reader)
    {
        var draft = new ZipkinSpanDraft();
        while (reader.TryReadTag(out var tag))
        {
            var wire = ProtobufReader.WireType(tag);
            switch (ProtobufReader.FieldNumber(tag))
            {
                case 1 when wire == Bytes:
                    var traceId = reader.ReadLengthDelimited(tag);
                    draft.TraceId = traceId.Length switch
                    {
                        16 => TraceId.FromBytes(traceId),
                        8 => new TraceId(0, SpanId.FromBytes(traceId).Value),
                        _ => throw new ZipkinDecodeException($"trace_id has {traceId.Length} bytes, not 8 or 16"),
                    };
                    break;
                case 2 when wire == Bytes:
                    draft.ParentId = ReadId(reader.ReadLengthDelimited(tag), "parent_id");
                    break;
                case 3 when wire == Bytes:
                    draft.Id = ReadId(reader.ReadLengthDelimited(tag), "id");
                    break;
                case 4 when wire == Varint:
                    draft.Kind = reader.ReadVarint() switch
                    {
                        1 => ZipkinSpanKind.Client,
                        2 => ZipkinSpanKind.Server,
                        3 => ZipkinSpanKind.Producer,
                        4 => ZipkinSpanKind.Consumer,
                        _ => ZipkinSpanKind.None,
                    };
                    break;
                case 5 when wire == Bytes:
                    draft.Name = Utf8StringCache.Names.GetOrAdd(reader.ReadLengthDelimited(tag));
                    break;
                case 6 when wire == Fixed64:
                    draft.TimestampMicros = (long)Math.Min(reader.ReadFixed64(), long.MaxValue);
                    break;
                case 7 when wire == Varint:
                    draft.DurationMicros = (long)Math.Min(reader.ReadVarint(), long.MaxValue);
                    break;
                case 8 when wire == Bytes:
                    var local = reader.ReadMessage(tag);
                    draft.LocalEndpoint = ReadEndpoint(ref local);
                    break;
                case 9 when wire == Bytes:
                    var remote = reader.ReadMessage(tag);
                    draft.RemoteEndpoint = ReadEndpoint(ref remote);
                    break;
                case 10 when wire == Bytes:
                    var annotation = reader.ReadMessage(tag);
                    draft.Annotations.Add(ReadAnnotation(ref annotation));
                    break;
                case 11 when wire == Bytes:
                    var entry = reader.ReadMessage(tag);
                    draft.Tags.Add(ReadTag(ref entry));
                    break;
                case 12 when wire == Varint:
                    draft.Debug = reader.ReadVarint() != 0;
                    break;
                case 13 when wire == Varint:
                    draft.Shared = reader.ReadVarint() != 0;
                    break;
                default:
                    reader.SkipField(tag);
                    break;
            }
        }

        return draft;
    }

    private static ulong ReadId(ReadOnlySpan<byte> bytes, string field) => bytes.Length switch
    {
        0 => 0,
        8 => SpanId.FromBytes(bytes).Value,
        _ => throw new ZipkinDecodeException($"{field} has {bytes.Length} bytes, not 8"),
    };

    private static ZipkinEndpoint ReadEndpoint(ref ProtobufReader reader)
    {
        string service = string.Empty, address = string.Empty;
        var port = 0;
        while (reader.TryReadTag(out var tag))
        {
            var wire = ProtobufReader.WireType(tag);
            switch (ProtobufReader.FieldNumber(tag))
            {
                case 1 when wire == Bytes:
                    service = Utf8StringCache.Names.GetOrAdd(reader.ReadLengthDelimited(tag));
                    break;
                case 2 or 3 when wire == Bytes:
                    var ip = reader.ReadLengthDelimited(tag);
                    if (ip.Length is 4 or 16 && (address.Length == 0 || ip.Length == 4))
                    {
                        address = new IPAddress(ip).ToString();
                    }
                    else if (ip.Length is not (0 or 4 or 16))
                    {
                        throw new ZipkinDecodeException($"an endpoint address has {ip.Length} bytes, not 4 or 16");
                    }

                    break;
                case 4 when wire == Varint:
                    var value = reader.ReadVarint();
                    port = value is > 0 and <= 65535 ? (int)value : 0;
                    break;
                default:
                    reader.SkipField(tag);
                    break;
            }
        }

        return new ZipkinEndpoint(service, address, port);
    }

    private static ZipkinAnnotation ReadAnnotation(ref ProtobufReader reader)
    {
        long timestamp = 0;
        var value = string.Empty;
        while (reader.TryReadTag(out var tag))
        {
            var wire = ProtobufReader.WireType(tag);
            switch (ProtobufReader.FieldNumber(tag))
            {
                case 1 when wire == Fixed64:
                    timestamp = (long)Math.Min(reader.ReadFixed64(), long.MaxValue);
                    break;
                case 2 when wire == Bytes:
                    value = Encoding.UTF8.GetString(reader.ReadLengthDelimited(tag));
                    break;
                default:
                    reader.SkipField(tag);
                    break;
            }
        }

        return new ZipkinAnnotation(timestamp, value);
    }

    private static KeyValuePair<string, string> ReadTag(ref ProtobufReader reader)
    {
        string key = string.Empty, value = string.Empty;
        while (reader.TryReadTag(out var tag))
        {
            var wire = ProtobufReader.WireType(tag);
            switch (ProtobufReader.FieldNumber(tag))
            {
                case 1 when wire == Bytes:
                    key = Utf8StringCache.Names.GetOrAdd(reader.ReadLengthDelimited(tag));
                    break;
                case 2 when wire == Bytes:
                    value = Utf8StringCache.Values.GetOrAdd(reader.ReadLengthDelimited(tag));
                    break;
                default:
                    reader.SkipField(tag);
                    break;
            }
        }

        return new(key, value);
    }
}
