using System.Text.Json;
using Tracehound.Model;

namespace Tracehound.Ingest.Otlp.Json;

/// <summary>
/// OTLP/JSON <c>ExportLogsServiceRequest</c>: the same proto3 JSON walker as for traces (so the
/// attribute, id, number and string rules are shared), reading resourceLogs / scopeLogs /
/// logRecords. A trace or span id that is not valid hex of the right length is dropped, never the
/// record. Error positions are given as byte offsets (the span path of <c>Where()</c> stays unset).
/// </summary>
internal ref partial struct OtlpJsonTraceReader
{
    // "SEVERITY_NUMBER_" + these, indexed by the enum's value.
    private static readonly string[] s_severityNames =
    [
        "UNSPECIFIED",
        "TRACE", "TRACE2", "TRACE3", "TRACE4",
        "DEBUG", "DEBUG2", "DEBUG3", "DEBUG4",
        "INFO", "INFO2", "INFO3", "INFO4",
        "WARN", "WARN2", "WARN3", "WARN4",
        "ERROR", "ERROR2", "ERROR3", "ERROR4",
        "FATAL", "FATAL2", "FATAL3", "FATAL4",
    ];

    public void ReadLogsRequest(LogBatch batch)
    {
        Advance();
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            throw WrongToken("the request", "an object");
        }

        while (NextProperty())
        {
            if (NameIs("resourceLogs"u8, "resource_logs"u8))
            {
                if (BeginArray("resourceLogs"))
                {
                    var index = -1;
                    while (NextObjectElement("resourceLogs", ref index))
                    {
                        ReadResourceLogs(batch);
                    }
                }
            }
            else
            {
                _reader.Skip();
            }
        }

        if (_reader.Read())
        {
            throw Fail("unexpected data after the request object");
        }
    }

    private void ReadResourceLogs(LogBatch batch)
    {
        var firstRecord = batch.Records.Count;
        KeyValue[] attributes = [];
        uint droppedAttributes = 0;
        var schemaUrl = string.Empty;

        while (NextProperty())
        {
            if (NameIs("scopeLogs"u8, "scope_logs"u8))
            {
                if (BeginArray("scopeLogs"))
                {
                    var index = -1;
                    while (NextObjectElement("scopeLogs", ref index))
                    {
                        ReadScopeLogs(batch);
                    }
                }
            }
            else if (NameIs("resource"u8))
            {
                ReadResourceObject(ref attributes, ref droppedAttributes);
            }
            else if (NameIs("schemaUrl"u8, "schema_url"u8))
            {
                schemaUrl = ReadString("schemaUrl");
            }
            else
            {
                _reader.Skip();
            }
        }

        // Fields may come in any order, so the resource is attached once the block is complete.
        var resource = MakeResource(attributes, droppedAttributes, schemaUrl);
        for (var i = firstRecord; i < batch.Records.Count; i++)
        {
            batch.Records[i].Resource = resource;
        }
    }

    private void ReadScopeLogs(LogBatch batch)
    {
        var firstRecord = batch.Records.Count;
        var name = string.Empty;
        var version = string.Empty;
        KeyValue[] attributes = [];
        uint droppedAttributes = 0;
        var schemaUrl = string.Empty;

        while (NextProperty())
        {
            if (NameIs("logRecords"u8, "log_records"u8))
            {
                if (BeginArray("logRecords"))
                {
                    var index = -1;
                    while (NextObjectElement("logRecords", ref index))
                    {
                        batch.Records.Add(ReadLogRecord());
                    }
                }
            }
            else if (NameIs("scope"u8))
            {
                ReadScopeObject(ref name, ref version, ref attributes, ref droppedAttributes);
            }
            else if (NameIs("schemaUrl"u8, "schema_url"u8))
            {
                schemaUrl = ReadString("schemaUrl");
            }
            else
            {
                _reader.Skip();
            }
        }

        var scope = MakeScope(name, version, attributes, droppedAttributes, schemaUrl);
        for (var i = firstRecord; i < batch.Records.Count; i++)
        {
            batch.Records[i].Scope = scope;
        }
    }

    private LogRecord ReadLogRecord()
    {
        var record = new LogRecord();
        while (NextProperty())
        {
            if (NameIs("timeUnixNano"u8, "time_unix_nano"u8))
            {
                record.TimeUnixNano = ReadUnixNano("timeUnixNano");
            }
            else if (NameIs("observedTimeUnixNano"u8, "observed_time_unix_nano"u8))
            {
                record.ObservedTimeUnixNano = ReadUnixNano("observedTimeUnixNano");
            }
            else if (NameIs("severityNumber"u8, "severity_number"u8))
            {
                record.SeverityNumber = ReadSeverityNumber();
            }
            else if (NameIs("severityText"u8, "severity_text"u8))
            {
                record.SeverityText = ReadCachedString("severityText");
            }
            else if (NameIs("body"u8))
            {
                Advance();
                record.Body = ReadAnyValue("body", 1);
            }
            else if (NameIs("attributes"u8))
            {
                record.Attributes = ReadAttributes("attributes");
            }
            else if (NameIs("droppedAttributesCount"u8, "dropped_attributes_count"u8))
            {
                record.DroppedAttributesCount = ReadUInt32("droppedAttributesCount");
            }
            else if (NameIs("flags"u8))
            {
                record.Flags = ReadUInt32("flags");
            }
            else if (NameIs("traceId"u8, "trace_id"u8))
            {
                // A bad id comes back empty: the record stays, without trace context.
                record.TraceId = ReadTraceId("traceId");
            }
            else if (NameIs("spanId"u8, "span_id"u8))
            {
                record.SpanId = ReadSpanId("spanId", allowEmpty: true);
            }
            else if (NameIs("eventName"u8, "event_name"u8))
            {
                record.EventName = ReadCachedString("eventName");
            }
            else
            {
                _reader.Skip();
            }
        }

        // The id readers note problems for span rejection; a log record is never rejected for them.
        _spanProblem = null;

        // A span id without its trace is no context at all.
        if (record.TraceId.IsEmpty)
        {
            record.SpanId = default;
        }

        return record;
    }

    private int ReadSeverityNumber()
    {
        Advance();
        switch (_reader.TokenType)
        {
            case JsonTokenType.Null:
                return 0;
            case JsonTokenType.Number:
                return _reader.TryGetInt32(out var number) && number is >= 0 and <= 24 ? number : 0;
            case JsonTokenType.String:
                var name = CurrentString("severityNumber");
                const string prefix = "SEVERITY_NUMBER_";
                if (name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    var index = Array.IndexOf(s_severityNames, name[prefix.Length..]);
                    return index < 0 ? 0 : index;
                }

                return 0;
            default:
                throw WrongToken("severityNumber", "an enum number or name");
        }
    }
}
