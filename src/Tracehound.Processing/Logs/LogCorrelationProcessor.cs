using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Processing.Logs;

/// <summary>
/// Fills what a log record left empty from the attributes loggers and log shippers write
/// (docs/API.md, "Log correlation"): the trace and span ids (OpenTelemetry hex or Datadog decimal,
/// also under <c>contextMap.</c>/<c>named_tags.</c> and inside nested maps), the severity (from the
/// severity text or a <c>status</c>/<c>level</c> attribute) and the message (from <c>msg</c>,
/// <c>message</c> or <c>log</c>). Names are matched ignoring case. Fields the record already has are
/// never overwritten, and attributes are kept as they are.
/// </summary>
public sealed class LogCorrelationProcessor : ILogProcessor
{
    /// <summary>How deep nested maps are searched for ids (<c>contextMap → dd → trace_id</c> is 3).</summary>
    private const int MaxDepth = 4;

    private static readonly string[] TraceIdNames = ["dd.trace_id", "trace_id", "traceid", "otel.trace_id", "oteltraceid"];
    private static readonly string[] SpanIdNames = ["dd.span_id", "span_id", "spanid", "otel.span_id", "otelspanid"];
    private static readonly string[] PathPrefixes = ["contextmap.", "named_tags."];
    private static readonly string[] SeverityNames = ["status", "level", "severity", "syslog.severity", "log.level", "loglevel"];
    private static readonly string[] MessageNames = ["msg", "message", "log"];

    public void Process(LogBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var record in batch.Records)
        {
            Correlate(record);
        }
    }

    /// <summary>Fills the record's empty ids, severity and message; see the class summary.</summary>
    public static void Correlate(LogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Attributes.Length == 0 && record.SeverityNumber != 0)
        {
            return;
        }

        if (record.TraceId.IsEmpty || record.SpanId.IsEmpty)
        {
            var found = new FoundIds();
            foreach (var kv in record.Attributes)
            {
                Walk(kv.Key, kv.Value, 1, ref found);
            }

            if (record.TraceId.IsEmpty && found.HasTrace)
            {
                record.TraceId = found.Trace;
            }

            if (record.SpanId.IsEmpty && !found.Span.IsEmpty)
            {
                record.SpanId = found.Span;
            }
        }

        if (record.SeverityNumber == 0)
        {
            FillSeverity(record);
        }

        if (record.Body.Type == AnyValueType.Empty && TryFind(record.Attributes, MessageNames, out var message))
        {
            record.Body = message;
        }
    }

    private static void FillSeverity(LogRecord record)
    {
        if (record.SeverityText.Length > 0 && LogSeverity.TryParse(record.SeverityText, out var fromText))
        {
            record.SeverityNumber = fromText;
            return;
        }

        foreach (var name in SeverityNames)
        {
            if (!TryFind(record.Attributes, [name], out var value))
            {
                continue;
            }

            var number = value.Type switch
            {
                AnyValueType.String when LogSeverity.TryParse(value.AsString(), out var parsed) => parsed,
                AnyValueType.Int when name == "syslog.severity" => LogSeverity.FromSyslog(value.AsInt()),
                AnyValueType.Int when value.AsInt() is >= 1 and <= 24 => (int)value.AsInt(),
                _ => 0,
            };
            if (number != 0)
            {
                record.SeverityNumber = number;
                if (record.SeverityText.Length == 0 && value.Type == AnyValueType.String)
                {
                    record.SeverityText = value.AsString();
                }

                return;
            }
        }
    }

    private static void Walk(string path, AnyValue value, int depth, ref FoundIds found)
    {
        if (value.Type == AnyValueType.KeyValueList)
        {
            if (depth < MaxDepth)
            {
                foreach (var child in value.AsKeyValueList())
                {
                    Walk(path + "." + child.Key, child.Value, depth + 1, ref found);
                }
            }

            return;
        }

        var name = WithoutPrefix(path);
        if (IsOneOf(name, TraceIdNames) && !found.HasFullTrace && LogIdText.TryParseTraceId(value, out var traceId, out var lowBitsOnly))
        {
            // A full 128-bit id wins over a low-64 one (dd.trace_id beside an OTel trace_id).
            if (!lowBitsOnly || !found.HasTrace)
            {
                found.Trace = traceId;
                found.HasTrace = true;
                found.HasFullTrace = !lowBitsOnly;
            }
        }
        else if (IsOneOf(name, SpanIdNames) && found.Span.IsEmpty
            && LogIdText.TryParseSpanId(value, decimalFirst: name.StartsWith("dd.", StringComparison.OrdinalIgnoreCase), out var spanId))
        {
            found.Span = spanId;
        }
    }

    private static ReadOnlySpan<char> WithoutPrefix(string path)
    {
        foreach (var prefix in PathPrefixes)
        {
            if (path.Length > prefix.Length && path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return path.AsSpan(prefix.Length);
            }
        }

        return path;
    }

    private static bool IsOneOf(ReadOnlySpan<char> name, string[] names)
    {
        foreach (var candidate in names)
        {
            if (name.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first attribute with one of the names (in the order of <paramref name="names"/>), ignoring case.</summary>
    private static bool TryFind(KeyValue[] attributes, ReadOnlySpan<string> names, out AnyValue value)
    {
        foreach (var name in names)
        {
            foreach (var kv in attributes)
            {
                if (kv.Key.Equals(name, StringComparison.OrdinalIgnoreCase) && kv.Value.Type != AnyValueType.Empty)
                {
                    value = kv.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    private struct FoundIds
    {
        public TraceId Trace;
        public bool HasTrace;
        public bool HasFullTrace;
        public SpanId Span;
    }
}
