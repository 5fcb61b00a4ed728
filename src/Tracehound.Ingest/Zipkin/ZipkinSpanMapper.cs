using Tracehound.Model;

namespace Tracehound.Ingest.Zipkin;

/// <summary>
/// Maps decoded Zipkin spans into the model, as the OpenTelemetry Collector's Zipkin receiver does:
/// localEndpoint.serviceName → the resource's <c>service.name</c>; remoteEndpoint → <c>peer.service</c>,
/// <c>network.peer.address</c>/<c>.port</c> and, with an IP, <c>server.*</c> (client spans) or
/// <c>client.*</c> (server spans); annotations → events; tags → string
/// attributes; the <c>error</c> tag (or <c>otel.status_code</c>) → status ERROR with the tag's value as
/// message; <c>otel.scope.*</c> tags → the scope. Missing timestamps come from the annotations, else
/// the time of arrival.
/// </summary>
internal sealed class ZipkinSpanMapper
{
    private const long MaxMicros = long.MaxValue / 1000;
    private readonly Dictionary<string, Resource> _resources = new(StringComparer.Ordinal);
    private readonly long _arrivalMicros;

    public ZipkinSpanMapper(long arrivalMicros)
    {
        _arrivalMicros = arrivalMicros;
    }

    public static ZipkinSpanMapper ForNow() => new(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000);

    /// <summary>Maps <paramref name="draft"/> into <paramref name="batch"/>, or rejects it with the reason.</summary>
    public void Add(SpanBatch batch, ZipkinSpanDraft draft)
    {
        if (draft.TraceId.IsEmpty)
        {
            batch.Reject(1, "a span has trace id 0");
            return;
        }

        if (draft.Id == 0)
        {
            batch.Reject(1, "a span has span id 0");
            return;
        }

        var (start, duration) = Timing(draft);
        if (start is < 0 or > MaxMicros || duration is < 0 or > MaxMicros || start + duration > MaxMicros)
        {
            batch.Reject(1, $"span {draft.Id:x16} has a timestamp or duration out of range");
            return;
        }

        var span = new Span
        {
            TraceId = draft.TraceId,
            SpanId = new SpanId(draft.Id),
            ParentSpanId = new SpanId(draft.ParentId),
            Name = draft.Name,
            Kind = draft.Kind switch
            {
                ZipkinSpanKind.Client => SpanKind.Client,
                ZipkinSpanKind.Server => SpanKind.Server,
                ZipkinSpanKind.Producer => SpanKind.Producer,
                ZipkinSpanKind.Consumer => SpanKind.Consumer,
                _ => SpanKind.Internal,
            },
            Flags = 1, // reported, so sampled
            StartTimeUnixNano = start * 1000,
            EndTimeUnixNano = (start + duration) * 1000,
        };

        if (draft.Shared && draft.Kind == ZipkinSpanKind.Server)
        {
            // The server half of a shared RPC span reuses the client's id. Two spans with one id
            // break the trace tree, so (as Jaeger's query does) the server half gets an id of its
            // own, derived from the shared one so that every copy of it agrees, and becomes the
            // client span's child.
            span.ParentSpanId = new SpanId(draft.Id);
            span.SpanId = new SpanId(DerivedId(draft.Id));
        }

        var serviceName = draft.LocalEndpoint?.ServiceName ?? string.Empty;
        ApplyTags(span, draft, ref serviceName);
        span.Resource = ResourceFor(serviceName);
        span.Events = Events(draft);
        batch.Spans.Add(span);
    }

    private (long Start, long Duration) Timing(ZipkinSpanDraft draft)
    {
        var start = draft.TimestampMicros;
        var duration = draft.DurationMicros;
        if (start == 0 || duration == 0)
        {
            long first = long.MaxValue, last = long.MinValue;
            foreach (var annotation in draft.Annotations)
            {
                if (annotation.TimestampMicros > 0)
                {
                    first = Math.Min(first, annotation.TimestampMicros);
                    last = Math.Max(last, annotation.TimestampMicros);
                }
            }

            if (start == 0)
            {
                start = first != long.MaxValue ? first : _arrivalMicros;
            }

            if (duration == 0 && last != long.MinValue && last > start)
            {
                duration = last - start;
            }
        }

        return (start, duration);
    }

    private static void ApplyTags(Span span, ZipkinSpanDraft draft, ref string serviceName)
    {
        var attributes = new List<KeyValue>(draft.Tags.Count + 3);
        string? errorTag = null, statusCode = null, statusDescription = null, scopeName = null, scopeVersion = null;
        foreach (var (key, value) in draft.Tags)
        {
            switch (key)
            {
                case "error": errorTag = value; continue;
                case "otel.status_code": statusCode = value; continue;
                case "otel.status_description": statusDescription = value; continue;
                case "otel.scope.name" or "otel.library.name": scopeName = value; continue;
                case "otel.scope.version" or "otel.library.version": scopeVersion = value; continue;
                case "service.name":
                    // The OpenTelemetry exporter copies resource attributes into tags; service.name is the resource's.
                    if (serviceName.Length == 0)
                    {
                        serviceName = value;
                    }

                    if (serviceName == value)
                    {
                        continue;
                    }

                    break;
            }

            attributes.Add(KeyValue.String(key, value));
        }

        if (statusCode == "ERROR" || (errorTag is not null && statusCode != "OK"))
        {
            span.StatusCode = StatusCode.Error;
            // The error tag's value is the message ("true" or empty only says that it failed).
            span.StatusMessage = statusDescription
                ?? (errorTag is null or "" || errorTag.Equals("true", StringComparison.OrdinalIgnoreCase) ? string.Empty : errorTag);
        }
        else if (statusCode == "OK")
        {
            span.StatusCode = StatusCode.Ok;
        }

        if (scopeName is not null)
        {
            span.Scope = new InstrumentationScope(scopeName, scopeVersion ?? string.Empty, []);
        }

        if (draft.RemoteEndpoint is { } remote)
        {
            AddIfMissing(attributes, "peer.service", remote.ServiceName);
            AddIfMissing(attributes, "network.peer.address", remote.Address);
            AddPortIfMissing(attributes, "network.peer.port", remote.Port);
            if (remote.Address.Length > 0)
            {
                // The remote side of a client call is its server, of a server span its client (OpenTelemetry semantic conventions).
                var side = span.Kind is SpanKind.Client or SpanKind.Producer ? "server" : span.Kind is SpanKind.Server or SpanKind.Consumer ? "client" : null;
                if (side is not null)
                {
                    AddIfMissing(attributes, side + ".address", remote.Address);
                    AddPortIfMissing(attributes, side + ".port", remote.Port);
                }
            }
        }

        span.Attributes = attributes.ToArray();
    }

    private static void AddIfMissing(List<KeyValue> attributes, string key, string value)
    {
        if (value.Length > 0 && !Has(attributes, key))
        {
            attributes.Add(KeyValue.String(key, value));
        }
    }

    private static void AddPortIfMissing(List<KeyValue> attributes, string key, int port)
    {
        if (port > 0 && !Has(attributes, key))
        {
            attributes.Add(KeyValue.Int(key, port));
        }
    }

    private static bool Has(List<KeyValue> attributes, string key) => attributes.Exists(a => a.Key == key);

    private static SpanEvent[] Events(ZipkinSpanDraft draft)
    {
        if (draft.Annotations.Count == 0)
        {
            return [];
        }

        var events = new SpanEvent[draft.Annotations.Count];
        for (var i = 0; i < events.Length; i++)
        {
            var annotation = draft.Annotations[i];
            var time = annotation.TimestampMicros is > 0 and <= MaxMicros ? annotation.TimestampMicros * 1000 : 0;
            events[i] = new SpanEvent(time, annotation.Value, []);
        }

        return events;
    }

    private Resource ResourceFor(string serviceName)
    {
        if (serviceName.Length == 0)
        {
            serviceName = Resource.UnknownServiceName;
        }

        if (!_resources.TryGetValue(serviceName, out var resource))
        {
            resource = new Resource([KeyValue.String("service.name", serviceName)]);
            _resources[serviceName] = resource;
        }

        return resource;
    }

    /// <summary>A fixed bijective mix (splitmix64's finalizer) of the shared id; never 0 for a non-zero input.</summary>
    internal static ulong DerivedId(ulong id)
    {
        var z = id + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return z == 0 || z == id ? id ^ 0x5555555555555555UL : z;
    }
}
