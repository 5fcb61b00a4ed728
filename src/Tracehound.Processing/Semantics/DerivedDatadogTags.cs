using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Tracehound.Model;
using Tracehound.Processing.Normalization;

namespace Tracehound.Processing.Semantics;

/// <summary>
/// One Datadog meta or metrics entry of an OpenTelemetry span whose derived view is the lean one made
/// at ingest (<see cref="DatadogSpanInfo.Meta"/> and <see cref="DatadogSpanInfo.Metrics"/> null): the
/// value the full mapping (<see cref="OtlpToDatadogMapper.Map"/>, then normalization) would give that
/// key, read from the span's attributes without building the other entries. Stats and samplers read a
/// dozen keys of every span; copying its ~30 attributes into meta and metrics to read them cost
/// ~1.9 KB per span. The rules follow the mapper's order, later steps overriding earlier ones.
/// Not answered: <c>_dd.p.dm</c>, which the full mapping puts on a chunk's first span only.
/// </summary>
internal static class DerivedDatadogTags
{
    private const string RequestHeader = "http.request.header.";

    private const string RequestHeaders = "http.request.headers.";

    /// <summary>Status codes as text, so the common integer <c>http.response.status_code</c> does not allocate per span.</summary>
    private static readonly string[] s_smallIntegers = [.. Enumerable.Range(0, 1000).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    public static bool TryGetMeta(Span span, string key, out string value)
    {
        var raw = Meta(span, key);
        if (raw is null || Utf8Truncation.IsLonger(key, DatadogLimits.MaxMetaKeyLength))
        {
            value = string.Empty;
            return false;
        }

        var entry = KeyValue.String(key, raw);
        if (DatadogTagNormalizer.MetaNeedsWork(entry))
        {
            if (!DatadogTagNormalizer.TryNormalizeMeta(entry, out entry))
            {
                value = string.Empty;
                return false;
            }
        }

        value = entry.Value.AsString();
        return true;
    }

    public static bool TryGetMetric(Span span, string key, out double value)
    {
        var found = false;
        value = 0;
        if (Utf8Truncation.IsLonger(key, DatadogLimits.MaxMetricsKeyLength))
        {
            return false;
        }

        CopiedMetric(span.Resource.Attributes, key, numericAsMetric: false, ref found, ref value);
        CopiedMetric(span.Scope.Attributes, key, numericAsMetric: false, ref found, ref value);
        CopiedMetric(span.Attributes, key, numericAsMetric: true, ref found, ref value);
        if (key == "http.status_code")
        {
            var status = AttributeText(span, "http.response.status_code", "http.status_code");
            if (status.Length > 0 && double.TryParse(status, NumberStyles.Float, CultureInfo.InvariantCulture, out var code))
            {
                value = code;
                found = true;
            }
        }

        return found;
    }

    /// <summary>The meta value before normalization, or null when the full mapping sets none.</summary>
    private static string? Meta(Span span, string key)
    {
        switch (key)
        {
            case "span.kind":
                return NonEmpty(OtelAttributeLookup.Get(span, "datadog.span.kind")) ?? Copied(span, key) ?? OtlpOperationName.KindName(span.Kind);
            case "http.status_code":
                return NonEmpty(OtelAttributeLookup.Get(span, "datadog.http_status_code")) ?? HttpStatusCode(span);
            case "http.method":
                return NonEmpty(AttributeText(span, "http.request.method", "http.method")) ?? Copied(span, key);
            case "db.name":
                return Copied(span, key) ?? NonEmpty(OtelAttributeLookup.Get(span, "datadog.db.name", "db.namespace"));
            case "otel.trace_id":
                return Copied(span, key) ?? span.TraceId.ToHex();
            case "otel.status_code":
                return span.StatusCode switch { StatusCode.Ok => "Ok", StatusCode.Error => "Error", _ => "Unset" };
            case "otel.status_description":
                return NonEmpty(span.StatusMessage) ?? Copied(span, key);
            case "w3c.tracestate":
                return NonEmpty(span.TraceState) ?? Copied(span, key);
            case "version":
                return Copied(span, key) ?? NonEmpty(OtelAttributeLookup.Get(span, "datadog.version", "service.version"));
            case "env":
                return Copied(span, key) ?? NonEmpty(TagNormalizer.NormalizeTag(Env(span)));
            case "events":
                return span.Events.Length > 0 ? OtlpEventLinkJson.Events(span.Events) : Copied(span, key);
            case "_dd.span_links":
                return span.Links.Length > 0 ? OtlpEventLinkJson.Links(span.Links) : Copied(span, key);
            case "_dd.span_events.has_exception":
                return HasExceptionEvent(span) ? "true" : Copied(span, key);
            case "error.msg" or "error.type" or "error.stack":
                return ErrorMeta(span, key);
        }

        if (Remapped(span, key) is { } remapped)
        {
            return remapped;
        }

        return Copied(span, key);
    }

    /// <summary>The copy of resource, scope and span attributes (span last, so it wins), before any convention step.</summary>
    private static string? Copied(Span span, string key)
    {
        string? value = null;
        CopiedMeta(span.Resource.Attributes, key, numericAsMeta: true, ref value);
        switch (key)
        {
            case "otel.library.name" when span.Scope.Name.Length > 0:
                value = span.Scope.Name;
                break;
            case "otel.library.version" when span.Scope.Version.Length > 0:
                value = span.Scope.Version;
                break;
        }

        CopiedMeta(span.Scope.Attributes, key, numericAsMeta: true, ref value);
        if (key is "otel.trace_id" or "span.kind")
        {
            value = null; // set by the mapper after the resource and scope copies
        }

        CopiedMeta(span.Attributes, key, numericAsMeta: false, ref value);
        return value;
    }

    private static void CopiedMeta(KeyValue[] attributes, string key, bool numericAsMeta, ref string? value)
    {
        if (key is "service.name" or "operation.name" or "resource.name" or "span.type" or "analytics.event" or "_dd.measured")
        {
            return;
        }

        foreach (var kv in attributes)
        {
            if (kv.Key != key || (!numericAsMeta && kv.Value.Type is AnyValueType.Int or AnyValueType.Double))
            {
                continue;
            }

            var text = Text(kv.Value);
            if (key == "sampling.priority" && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                continue; // became metric _sampling_priority_v1
            }

            value = text;
        }
    }

    private static void CopiedMetric(KeyValue[] attributes, string key, bool numericAsMetric, ref bool found, ref double value)
    {
        foreach (var kv in attributes)
        {
            if (kv.Key is "service.name" or "operation.name" or "resource.name" or "span.type")
            {
                continue;
            }

            if (kv.Key == "analytics.event")
            {
                if (key == "_dd1.sr.eausr")
                {
                    switch (kv.Value.ToString())
                    {
                        case "1" or "t" or "T" or "true" or "TRUE" or "True":
                            (found, value) = (true, 1);
                            break;
                        case "0" or "f" or "F" or "false" or "FALSE" or "False":
                            (found, value) = (true, 0);
                            break;
                    }
                }

                continue;
            }

            if (numericAsMetric && kv.Value.Type is AnyValueType.Int or AnyValueType.Double)
            {
                if ((kv.Key == "sampling.priority" ? "_sampling_priority_v1" : kv.Key) == key)
                {
                    (found, value) = (true, kv.Value.Type == AnyValueType.Int ? kv.Value.AsInt() : kv.Value.AsDouble());
                }

                continue;
            }

            if (kv.Key == "_dd.measured")
            {
                if (key == "_dd.measured" && Text(kv.Value) == "1")
                {
                    (found, value) = (true, 1);
                }

                continue;
            }

            if (kv.Key == "sampling.priority" && key == "_sampling_priority_v1" &&
                double.TryParse(Text(kv.Value), NumberStyles.Float, CultureInfo.InvariantCulture, out var priority))
            {
                (found, value) = (true, priority);
            }
        }
    }

    private static string? HttpStatusCode(Span span) =>
        NonEmpty(AttributeText(span, "http.response.status_code", "http.status_code")) ?? Copied(span, "http.status_code");

    /// <summary>The newer HTTP keys copied to the Datadog ones when those are not set already.</summary>
    private static string? Remapped(Span span, string key)
    {
        var from = key switch
        {
            "http.client_ip" => "client.address",
            "http.response.content_length" => "http.response.body.size",
            "http.request.content_length" => "http.request.body.size",
            "http.referrer" => "http.request.header.referrer",
            "http.version" => "network.protocol.version",
            "http.server_name" => "server.address",
            "http.url" => "url.full",
            "http.useragent" => "user_agent.original",
            _ => null,
        };
        if (from is not null)
        {
            return Copied(span, key) ?? NonEmpty(AttributeText(span, from, string.Empty));
        }

        if (key.StartsWith(RequestHeaders, StringComparison.Ordinal) && Copied(span, key) is null)
        {
            foreach (var kv in span.Attributes)
            {
                if (kv.Key.StartsWith(RequestHeader, StringComparison.Ordinal) && kv.Key != "http.request.header.referrer" &&
                    kv.Key.AsSpan(RequestHeader.Length).SequenceEqual(key.AsSpan(RequestHeaders.Length)))
                {
                    var text = kv.Value.ToString();
                    if (text.Length > 0)
                    {
                        return text;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Spec §3.5, for one of error.msg / error.type / error.stack.</summary>
    private static string? ErrorMeta(Span span, string key)
    {
        var datadogKey = key switch { "error.msg" => "datadog.error.msg", "error.type" => "datadog.error.type", _ => "datadog.error.stack" };
        if (NonEmpty(OtelAttributeLookup.Get(span, datadogKey)) is { } forced)
        {
            return forced;
        }

        var value = Copied(span, key);
        if (span.StatusCode != StatusCode.Error)
        {
            return value;
        }

        var eventKey = key switch { "error.msg" => "exception.message", "error.type" => "exception.type", _ => "exception.stacktrace" };
        foreach (var e in span.Events)
        {
            if (e.Name.Equals("exception", StringComparison.OrdinalIgnoreCase) && OtelAttributeLookup.TryFind(e.Attributes, eventKey, out var fromEvent))
            {
                value = fromEvent.ToString();
            }
        }

        if (key != "error.msg" || value is not null)
        {
            return value;
        }

        if (span.StatusMessage.Length > 0)
        {
            return span.StatusMessage;
        }

        // The status code as meta stood at this step (before the datadog.http_status_code override).
        if (HttpStatusCode(span) is not { } code)
        {
            return null;
        }

        if (Copied(span, "http.status_text") is { } text)
        {
            return code + " " + text;
        }

        var phrase = int.TryParse(code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? ReasonPhrases.GetReasonPhrase(number) : string.Empty;
        return phrase.Length > 0 ? code + " " + phrase : code;
    }

    private static string Env(Span span)
    {
        var env = OtelAttributeLookup.Get(span, "datadog.env");
        return env.Length > 0 ? env : OtelAttributeLookup.Get(span, "deployment.environment.name", "deployment.environment");
    }

    private static bool HasExceptionEvent(Span span)
    {
        foreach (var e in span.Events)
        {
            if (e.Name.Equals("exception", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A span attribute as text: the first key, else the second (an array value's first item, as header values are arrays).</summary>
    private static string AttributeText(Span span, string key, string fallbackKey)
    {
        if (span.TryGetAttribute(key, out var value) || (fallbackKey.Length > 0 && span.TryGetAttribute(fallbackKey, out value)))
        {
            if (value.Type == AnyValueType.Array)
            {
                var items = value.AsArray();
                return items.Length > 0 ? Text(items[0]) : string.Empty;
            }

            return Text(value);
        }

        return string.Empty;
    }

    /// <summary><see cref="AnyValue.ToString"/>, without allocating for strings and small integers.</summary>
    private static string Text(AnyValue value) => value.Type switch
    {
        AnyValueType.String => value.AsString(),
        AnyValueType.Int when value.AsInt() is >= 0 and < 1000 => s_smallIntegers[value.AsInt()],
        _ => value.ToString(),
    };

    private static string? NonEmpty(string value) => value.Length > 0 ? value : null;
}
