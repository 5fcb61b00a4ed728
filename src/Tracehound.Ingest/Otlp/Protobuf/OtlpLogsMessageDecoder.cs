using System.Text;
using Tracehound.Model;

using Tracehound.Ingest.Text;

namespace Tracehound.Ingest.Otlp.Protobuf;

/// <summary>
/// Walks the bytes of an <c>ExportLogsServiceRequest</c> and builds log records directly, the same
/// way <see cref="OtlpTraceMessageDecoder"/> builds spans: attributes are collected on a reusable
/// scratch stack and copied once into exact-size arrays. A trace or span id of the wrong length is
/// dropped (the record stays, without that id): unlike a span, a log needs no trace context.
/// One instance is reused by one thread at a time (see <see cref="OtlpProtobufLogsDecoder"/>).
/// </summary>
internal sealed class OtlpLogsMessageDecoder
{
    /// <summary>AnyValue arrays/lists nested deeper than this are refused.</summary>
    public const int MaxAnyValueDepth = OtlpAttributeDecoder.MaxAnyValueDepth;

    private const uint Len = (uint)ProtobufWireType.LengthDelimited;
    private const uint Varint = (uint)ProtobufWireType.Varint;
    private const uint Fixed64 = (uint)ProtobufWireType.Fixed64;
    private const uint Fixed32 = (uint)ProtobufWireType.Fixed32;

    private const uint RequestResourceLogs = (1 << 3) | Len;

    private const uint ResourceLogsResource = (1 << 3) | Len;
    private const uint ResourceLogsScopeLogs = (2 << 3) | Len;
    private const uint ResourceLogsSchemaUrl = (3 << 3) | Len;

    private const uint ScopeLogsScope = (1 << 3) | Len;
    private const uint ScopeLogsLogRecords = (2 << 3) | Len;
    private const uint ScopeLogsSchemaUrl = (3 << 3) | Len;

    private const uint LogTime = (1 << 3) | Fixed64;
    private const uint LogSeverityNumber = (2 << 3) | Varint;
    private const uint LogSeverityText = (3 << 3) | Len;
    private const uint LogBody = (5 << 3) | Len;
    private const uint LogAttributes = (6 << 3) | Len;
    private const uint LogDroppedAttributesCount = (7 << 3) | Varint;
    private const uint LogFlags = (8 << 3) | Fixed32;
    private const uint LogTraceId = (9 << 3) | Len;
    private const uint LogSpanId = (10 << 3) | Len;
    private const uint LogObservedTime = (11 << 3) | Fixed64;
    private const uint LogEventName = (12 << 3) | Len;

    private readonly OtlpAttributeDecoder _attributes;

    /// <param name="names">Cache for keys and names; null to allocate every string.</param>
    /// <param name="values">Cache for string values; null to allocate every string.</param>
    public OtlpLogsMessageDecoder(Utf8StringCache? names, Utf8StringCache? values)
    {
        _attributes = new OtlpAttributeDecoder(names, values);
    }

    public LogBatch Decode(ReadOnlySpan<byte> payload)
    {
        _attributes.Reset();
        try
        {
            var batch = new LogBatch();
            var reader = new ProtobufReader(payload);
            while (reader.TryReadTag(out var tag))
            {
                if (tag == RequestResourceLogs)
                {
                    var resourceLogs = reader.ReadMessage(tag);
                    DecodeResourceLogs(ref resourceLogs, batch);
                }
                else
                {
                    reader.SkipField(tag);
                }
            }

            return batch;
        }
        finally
        {
            _attributes.Release();
        }
    }

    private void DecodeResourceLogs(ref ProtobufReader reader, LogBatch batch)
    {
        // The resource may follow the records on the wire; read it first (scope_logs are one length hop each).
        var scan = reader;
        var resourceReader = default(ProtobufReader);
        var hasResource = false;
        var schemaUrl = string.Empty;
        while (scan.TryReadTag(out var tag))
        {
            switch (tag)
            {
                case ResourceLogsResource:
                    resourceReader = scan.ReadMessage(tag);
                    hasResource = true;
                    break;
                case ResourceLogsSchemaUrl:
                    schemaUrl = OtlpAttributeDecoder.ReadString(scan.ReadLengthDelimited(tag), _attributes.Names);
                    break;
                default:
                    scan.SkipField(tag);
                    break;
            }
        }

        var resource = hasResource
            ? _attributes.DecodeResource(ref resourceReader, schemaUrl)
            : schemaUrl.Length == 0 ? Resource.Empty : new Resource([], 0, schemaUrl);

        while (reader.TryReadTag(out var tag))
        {
            if (tag == ResourceLogsScopeLogs)
            {
                var scopeLogs = reader.ReadMessage(tag);
                DecodeScopeLogs(ref scopeLogs, resource, batch);
            }
            else
            {
                reader.SkipField(tag);
            }
        }
    }

    private void DecodeScopeLogs(ref ProtobufReader reader, Resource resource, LogBatch batch)
    {
        var scan = reader;
        var scopeReader = default(ProtobufReader);
        var hasScope = false;
        var schemaUrl = string.Empty;
        while (scan.TryReadTag(out var tag))
        {
            switch (tag)
            {
                case ScopeLogsScope:
                    scopeReader = scan.ReadMessage(tag);
                    hasScope = true;
                    break;
                case ScopeLogsSchemaUrl:
                    schemaUrl = OtlpAttributeDecoder.ReadString(scan.ReadLengthDelimited(tag), _attributes.Names);
                    break;
                default:
                    scan.SkipField(tag);
                    break;
            }
        }

        var scope = hasScope
            ? _attributes.DecodeScope(ref scopeReader, schemaUrl)
            : schemaUrl.Length == 0 ? InstrumentationScope.Empty : new InstrumentationScope(string.Empty, string.Empty, [], 0, schemaUrl);

        while (reader.TryReadTag(out var tag))
        {
            if (tag == ScopeLogsLogRecords)
            {
                var record = reader.ReadMessage(tag);
                batch.Records.Add(DecodeLogRecord(ref record, resource, scope));
            }
            else
            {
                reader.SkipField(tag);
            }
        }
    }

    private LogRecord DecodeLogRecord(ref ProtobufReader reader, Resource resource, InstrumentationScope scope)
    {
        var record = new LogRecord { Resource = resource, Scope = scope };
        var attributesStart = _attributes.KeyValueCount;
        while (reader.TryReadTag(out var tag))
        {
            switch (tag)
            {
                case LogTime:
                    record.TimeUnixNano = (long)reader.ReadFixed64();
                    break;
                case LogObservedTime:
                    record.ObservedTimeUnixNano = (long)reader.ReadFixed64();
                    break;
                case LogSeverityNumber:
                    // An enum; numbers outside 0-24 mean nothing, so they read as unspecified.
                    var severity = reader.ReadVarint();
                    record.SeverityNumber = severity <= 24 ? (int)severity : 0;
                    break;
                case LogSeverityText:
                    record.SeverityText = OtlpAttributeDecoder.ReadString(reader.ReadLengthDelimited(tag), _attributes.Names);
                    break;
                case LogBody:
                    {
                        var bodyReader = reader.ReadMessage(tag);
                        record.Body = _attributes.DecodeAnyValue(ref bodyReader, 1);
                        break;
                    }

                case LogAttributes:
                    _attributes.PushKeyValue(ref reader, tag, 0);
                    break;
                case LogDroppedAttributesCount:
                    record.DroppedAttributesCount = reader.ReadUInt32();
                    break;
                case LogFlags:
                    record.Flags = reader.ReadFixed32();
                    break;
                case LogTraceId:
                    {
                        // Wrong length drops the id, not the record (an empty id means "no context").
                        var bytes = reader.ReadLengthDelimited(tag);
                        record.TraceId = bytes.Length == 16 ? TraceId.FromBytes(bytes) : default;
                        break;
                    }

                case LogSpanId:
                    {
                        var bytes = reader.ReadLengthDelimited(tag);
                        record.SpanId = bytes.Length == 8 ? SpanId.FromBytes(bytes) : default;
                        break;
                    }

                case LogEventName:
                    record.EventName = OtlpAttributeDecoder.ReadString(reader.ReadLengthDelimited(tag), _attributes.Names);
                    break;
                default:
                    reader.SkipField(tag);
                    break;
            }
        }

        record.Attributes = _attributes.PopKeyValues(attributesStart);

        // A span id without its trace is no context at all.
        if (record.TraceId.IsEmpty)
        {
            record.SpanId = default;
        }

        return record;
    }

}
