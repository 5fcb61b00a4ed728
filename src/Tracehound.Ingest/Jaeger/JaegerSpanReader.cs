using Tracehound.Ingest.Jaeger.Thrift;
using Tracehound.Model;

namespace Tracehound.Ingest.Jaeger;

/// <summary>
/// Reads one Jaeger <c>Span</c> and maps it as the OpenTelemetry Collector's Jaeger receiver does:
/// traceIdHigh/Low → the 128-bit id, µs → ns, the <c>span.kind</c> tag → kind, <c>error=true</c>
/// (or <c>otel.status_code</c>) → status, logs → events named by their <c>event</c> field, the parent
/// from parentSpanId or a CHILD_OF reference (a lone FOLLOWS_FROM becomes the parent too), every
/// other reference → a link.
/// </summary>
internal static class JaegerSpanReader
{
    private const int RefChildOf = 0;
    private const int RefFollowsFrom = 1;
    private const long MaxMicros = long.MaxValue / 1000;

    public static Span? Read(ThriftReader reader, out string rejection)
    {
        long traceLow = 0, traceHigh = 0, spanId = 0, parentId = 0, start = 0, duration = 0;
        var flags = 0;
        var name = string.Empty;
        List<JaegerReference>? references = null;
        List<KeyValue>? tags = null;
        List<SpanEvent>? events = null;
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin(out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I64: traceLow = reader.ReadI64(); break;
                case 2 when type == ThriftType.I64: traceHigh = reader.ReadI64(); break;
                case 3 when type == ThriftType.I64: spanId = reader.ReadI64(); break;
                case 4 when type == ThriftType.I64: parentId = reader.ReadI64(); break;
                case 5 when type == ThriftType.String: name = reader.ReadString(); break;
                case 6 when type == ThriftType.List: references = ReadReferences(reader); break;
                case 7 when type == ThriftType.I32: flags = reader.ReadI32(); break;
                case 8 when type == ThriftType.I64: start = reader.ReadI64(); break;
                case 9 when type == ThriftType.I64: duration = reader.ReadI64(); break;
                case 10 when type == ThriftType.List: tags = JaegerTagReader.ReadList(reader); break;
                case 11 when type == ThriftType.List: events = ReadLogs(reader); break;
                default: reader.Skip(type); break;
            }
        }

        reader.ReadStructEnd();
        rejection = string.Empty;
        if (traceLow == 0 && traceHigh == 0)
        {
            rejection = "a span has trace id 0";
            return null;
        }

        if (spanId == 0)
        {
            rejection = "a span has span id 0";
            return null;
        }

        if (start is < 0 or > MaxMicros || duration is < 0 or > MaxMicros || start + duration > MaxMicros)
        {
            rejection = $"span {(ulong)spanId:x16} has a start time or duration out of range";
            return null;
        }

        var span = new Span
        {
            TraceId = new TraceId((ulong)traceHigh, (ulong)traceLow),
            SpanId = new SpanId((ulong)spanId),
            Name = name,
            Kind = SpanKind.Internal,
            Flags = (uint)(flags & 1), // Jaeger's sampled bit is W3C's sampled flag
            StartTimeUnixNano = start * 1000,
            EndTimeUnixNano = (start + duration) * 1000,
            Events = events?.ToArray() ?? [],
        };
        if (tags is not null)
        {
            ApplyTags(span, tags);
        }

        ApplyReferences(span, (ulong)parentId, references);
        return span;
    }

    private static void ApplyTags(Span span, List<KeyValue> tags)
    {
        var kept = new List<KeyValue>(tags.Count);
        string? statusCode = null;
        var errorTag = false;
        string? scopeName = null, scopeVersion = null;
        foreach (var tag in tags)
        {
            var isString = tag.Value.Type == AnyValueType.String;
            switch (tag.Key)
            {
                case "span.kind" when isString:
                    span.Kind = KindFromTag(tag.Value.AsString());
                    continue;
                case "error" when IsTrue(tag.Value):
                    errorTag = true;
                    continue;
                case "otel.status_code" when isString:
                    statusCode = tag.Value.AsString();
                    continue;
                case "otel.status_description" when isString:
                    span.StatusMessage = tag.Value.AsString();
                    continue;
                case "w3c.tracestate" when isString:
                    span.TraceState = tag.Value.AsString();
                    continue;
                case "otel.scope.name" or "otel.library.name" when isString:
                    scopeName = tag.Value.AsString();
                    continue;
                case "otel.scope.version" or "otel.library.version" when isString:
                    scopeVersion = tag.Value.AsString();
                    continue;
            }

            kept.Add(tag);
        }

        span.StatusCode = statusCode switch
        {
            "ERROR" => StatusCode.Error,
            "OK" => StatusCode.Ok,
            _ => errorTag ? StatusCode.Error : StatusCode.Unset,
        };
        if (span.StatusCode != StatusCode.Error)
        {
            // OpenTelemetry keeps a status description only for errors.
            span.StatusMessage = string.Empty;
        }

        if (scopeName is not null)
        {
            span.Scope = new InstrumentationScope(scopeName, scopeVersion ?? string.Empty, []);
        }

        span.Attributes = kept.ToArray();
    }

    private static bool IsTrue(AnyValue value) =>
        (value.Type == AnyValueType.Bool && value.AsBool())
        || (value.Type == AnyValueType.String && value.AsString().Equals("true", StringComparison.OrdinalIgnoreCase));

    internal static SpanKind KindFromTag(string kind) => kind.ToLowerInvariant() switch
    {
        "server" => SpanKind.Server,
        "client" => SpanKind.Client,
        "producer" => SpanKind.Producer,
        "consumer" => SpanKind.Consumer,
        _ => SpanKind.Internal,
    };

    private static void ApplyReferences(Span span, ulong parentId, List<JaegerReference>? references)
    {
        if (parentId == 0 && references is not null)
        {
            // A CHILD_OF in the same trace is the parent; failing that, a lone FOLLOWS_FROM is.
            var parent = references.Find(r => r.Type == RefChildOf && r.TraceId == span.TraceId);
            if (parent.SpanId == 0 && references.Count == 1 && references[0].Type == RefFollowsFrom && references[0].TraceId == span.TraceId)
            {
                parent = references[0];
            }

            parentId = parent.SpanId;
        }

        span.ParentSpanId = new SpanId(parentId);
        if (references is null)
        {
            return;
        }

        List<SpanLink>? links = null;
        foreach (var reference in references)
        {
            if (reference.SpanId == parentId && reference.TraceId == span.TraceId)
            {
                continue;
            }

            links ??= [];
            var refType = reference.Type == RefFollowsFrom ? "follows_from" : "child_of";
            links.Add(new SpanLink(reference.TraceId, new SpanId(reference.SpanId), string.Empty, [KeyValue.String("opentracing.ref_type", refType)]));
        }

        span.Links = links?.ToArray() ?? [];
    }

    private static List<JaegerReference> ReadReferences(ThriftReader reader)
    {
        var elementType = reader.ReadListBegin(out var count);
        if (elementType != ThriftType.Struct && count > 0)
        {
            throw new ThriftDecodeException($"Span.references holds thrift type {(byte)elementType}, not structs");
        }

        var references = new List<JaegerReference>(count);
        for (var i = 0; i < count; i++)
        {
            int refType = 0;
            long low = 0, high = 0, spanId = 0;
            reader.ReadStructBegin();
            while (reader.ReadFieldBegin(out var type, out var id))
            {
                switch (id)
                {
                    case 1 when type == ThriftType.I32: refType = reader.ReadI32(); break;
                    case 2 when type == ThriftType.I64: low = reader.ReadI64(); break;
                    case 3 when type == ThriftType.I64: high = reader.ReadI64(); break;
                    case 4 when type == ThriftType.I64: spanId = reader.ReadI64(); break;
                    default: reader.Skip(type); break;
                }
            }

            reader.ReadStructEnd();
            if (spanId != 0)
            {
                references.Add(new JaegerReference(refType, new TraceId((ulong)high, (ulong)low), (ulong)spanId));
            }
        }

        reader.ReadCollectionEnd();
        return references;
    }

    private static List<SpanEvent> ReadLogs(ThriftReader reader)
    {
        var elementType = reader.ReadListBegin(out var count);
        if (elementType != ThriftType.Struct && count > 0)
        {
            throw new ThriftDecodeException($"Span.logs holds thrift type {(byte)elementType}, not structs");
        }

        var events = new List<SpanEvent>(count);
        for (var i = 0; i < count; i++)
        {
            long timestamp = 0;
            List<KeyValue>? fields = null;
            reader.ReadStructBegin();
            while (reader.ReadFieldBegin(out var type, out var id))
            {
                switch (id)
                {
                    case 1 when type == ThriftType.I64: timestamp = reader.ReadI64(); break;
                    case 2 when type == ThriftType.List: fields = JaegerTagReader.ReadList(reader); break;
                    default: reader.Skip(type); break;
                }
            }

            reader.ReadStructEnd();
            events.Add(ToEvent(timestamp, fields));
        }

        reader.ReadCollectionEnd();
        return events;
    }

    /// <summary>A log becomes an event named by its <c>event</c> field (removed from the attributes), as OpenTelemetry does.</summary>
    private static SpanEvent ToEvent(long timestampMicros, List<KeyValue>? fields)
    {
        var time = timestampMicros is > 0 and <= MaxMicros ? timestampMicros * 1000 : 0;
        if (fields is null)
        {
            return new SpanEvent(time, string.Empty, []);
        }

        var name = string.Empty;
        var index = fields.FindIndex(f => f.Key == "event" && f.Value.Type == AnyValueType.String);
        if (index >= 0)
        {
            name = fields[index].Value.AsString();
            fields.RemoveAt(index);
        }

        return new SpanEvent(time, name, fields.ToArray());
    }

    private readonly record struct JaegerReference(int Type, TraceId TraceId, ulong SpanId);
}
