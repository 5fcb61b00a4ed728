using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Tracehound.Model;
using Tracehound.Processing.Normalization;

namespace Tracehound.Processing.Semantics;

/// <summary>
/// Computes the Datadog view of one OpenTelemetry span (spec §3): the span fields, meta and
/// metrics, error fields. The OpenTelemetry view (name, attributes, events) is left untouched.
/// </summary>
internal static class OtlpToDatadogMapper
{
    /// <summary>
    /// New semantic-convention HTTP keys and the Datadog keys the newer translation copies them to
    /// (when the Datadog key is not set already).
    /// </summary>
    private static readonly (string From, string To)[] s_httpRemaps =
    [
        ("client.address", "http.client_ip"),
        ("http.response.body.size", "http.response.content_length"),
        ("http.request.body.size", "http.request.content_length"),
        ("http.request.header.referrer", "http.referrer"),
        ("network.protocol.version", "http.version"),
        ("server.address", "http.server_name"),
        ("url.full", "http.url"),
        ("user_agent.original", "http.useragent"),
    ];

    public static DatadogSpanInfo Map(Span span, DatadogSemanticsOptions options, DatadogPayloadInfo payload, DatadogChunkInfo chunk)
    {
        var tags = DatadogTagBuilder.Rent();

        foreach (var kv in span.Resource.Attributes)
        {
            CopyAttribute(tags, kv, numericAsMetric: false);
        }

        if (span.Scope.Name.Length > 0)
        {
            tags.SetMeta("otel.library.name", span.Scope.Name);
        }

        if (span.Scope.Version.Length > 0)
        {
            tags.SetMeta("otel.library.version", span.Scope.Version);
        }

        foreach (var kv in span.Scope.Attributes)
        {
            CopyAttribute(tags, kv, numericAsMetric: false);
        }

        tags.SetMeta("otel.trace_id", span.TraceId.ToHex());
        tags.SetMeta("span.kind", OtlpOperationName.KindName(span.Kind));
        foreach (var kv in span.Attributes)
        {
            CopyAttribute(tags, kv, numericAsMetric: true);
        }

        RemapHttp(span, tags);
        if (!tags.HasMeta("db.name"))
        {
            var dbName = OtelAttributeLookup.Get(span, "datadog.db.name", "db.namespace");
            if (dbName.Length > 0)
            {
                tags.SetMeta("db.name", dbName);
            }
        }

        tags.SetMeta("otel.status_code", span.StatusCode switch
        {
            StatusCode.Ok => "Ok",
            StatusCode.Error => "Error",
            _ => "Unset",
        });
        if (span.StatusMessage.Length > 0)
        {
            tags.SetMeta("otel.status_description", span.StatusMessage);
        }

        if (span.TraceState.Length > 0)
        {
            tags.SetMeta("w3c.tracestate", span.TraceState);
        }

        tags.SetMetaIfAbsent("version", OtelAttributeLookup.Get(span, "datadog.version", "service.version"));
        if (!tags.HasMeta("env"))
        {
            var env = OtelAttributeLookup.Get(span, "datadog.env");
            if (env.Length == 0)
            {
                env = OtelAttributeLookup.Get(span, "deployment.environment.name", "deployment.environment");
            }

            tags.SetMetaIfAbsent("env", TagNormalizer.NormalizeTag(env));
        }

        if (span.Events.Length > 0)
        {
            tags.SetMeta("events", OtlpEventLinkJson.Events(span.Events));
        }

        if (span.Links.Length > 0)
        {
            tags.SetMeta("_dd.span_links", OtlpEventLinkJson.Links(span.Links));
        }

        var error = Error(span, tags);
        var datadogKind = OtelAttributeLookup.Get(span, "datadog.span.kind");
        if (datadogKind.Length > 0)
        {
            tags.SetMeta("span.kind", datadogKind);
        }

        var datadogStatus = OtelAttributeLookup.Get(span, "datadog.http_status_code");
        if (datadogStatus.Length > 0)
        {
            tags.SetMeta("http.status_code", datadogStatus);
        }

        var measured = tags.TryGetMetric("_dd.measured", out var measuredValue) && measuredValue == 1;
        return new DatadogSpanInfo
        {
            Derived = true,
            Service = Override(span, "datadog.service", Service(span)),
            Name = Override(span, "datadog.operation_name", options.OperationNameV1
                ? OtlpOperationName.V1(span, options.SpanNameAsResourceName)
                : OtlpOperationName.V2(span)),
            Resource = Override(span, "datadog.resource_name", options.OperationNameV1 ? OtlpResourceName.V1(span) : OtlpResourceName.V2(span)),
            Type = Override(span, "datadog.span.type", options.OperationNameV1 ? OtlpSpanType.V1(span) : OtlpSpanType.V2(span)),
            Error = error,
            Meta = tags.MetaArray(),
            Metrics = tags.MetricsArray(),
            Measured = measured,
            Chunk = chunk,
            Payload = payload,
        };
    }

    /// <summary>
    /// The lean view ingest needs for every span: the span fields, error, measured — the same values
    /// <see cref="Map"/> gives — with meta and metrics left null; <see cref="DerivedDatadogTags"/>
    /// answers single tags from the attributes when stats or samplers ask.
    /// </summary>
    public static DatadogSpanInfo MapCore(Span span, DatadogSemanticsOptions options, DatadogPayloadInfo payload, DatadogChunkInfo chunk)
    {
        OtelAttributeLookup.BeginSpan(span);
        try
        {
            return MapCoreIndexed(span, options, payload, chunk);
        }
        finally
        {
            OtelAttributeLookup.EndSpan();
        }
    }

    private static DatadogSpanInfo MapCoreIndexed(Span span, DatadogSemanticsOptions options, DatadogPayloadInfo payload, DatadogChunkInfo chunk)
    {
        var error = span.StatusCode == StatusCode.Error ? 1 : 0;
        if (span.TryGetAttribute("datadog.error", out var datadogError) &&
            long.TryParse(datadogError.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var forced))
        {
            error = forced != 0 ? 1 : 0;
        }

        return new DatadogSpanInfo
        {
            Derived = true,
            Service = Override(span, "datadog.service", Service(span)),
            Name = Override(span, "datadog.operation_name", options.OperationNameV1
                ? OtlpOperationName.V1(span, options.SpanNameAsResourceName)
                : OtlpOperationName.V2(span)),
            Resource = Override(span, "datadog.resource_name", options.OperationNameV1 ? OtlpResourceName.V1(span) : OtlpResourceName.V2(span)),
            Type = Override(span, "datadog.span.type", options.OperationNameV1 ? OtlpSpanType.V1(span) : OtlpSpanType.V2(span)),
            Error = error,
            Measured = DerivedDatadogTags.TryGetMetric(span, "_dd.measured", out var measured) && measured == 1,
            Chunk = chunk,
            Payload = payload,
        };
    }

    /// <summary><c>service.name</c> (span, then resource), or the agent's fallback; normalization comes later.</summary>
    private static string Service(Span span)
    {
        var service = OtelAttributeLookup.Get(span, "service.name");
        return service.Length > 0 ? service : "otlpresourcenoservicename";
    }

    private static string Override(Span span, string key, string computed)
    {
        var value = OtelAttributeLookup.Get(span, key);
        return value.Length > 0 ? value : computed;
    }

    private static void CopyAttribute(DatadogTagBuilder tags, KeyValue kv, bool numericAsMetric)
    {
        switch (kv.Key)
        {
            case "service.name" or "operation.name" or "resource.name" or "span.type":
                return; // these set the span's own fields
            case "analytics.event":
                switch (kv.Value.ToString())
                {
                    case "1" or "t" or "T" or "true" or "TRUE" or "True":
                        tags.SetMetric("_dd1.sr.eausr", 1);
                        break;
                    case "0" or "f" or "F" or "false" or "FALSE" or "False":
                        tags.SetMetric("_dd1.sr.eausr", 0);
                        break;
                }

                return;
        }

        if (numericAsMetric && kv.Value.Type is AnyValueType.Int or AnyValueType.Double)
        {
            var number = kv.Value.Type == AnyValueType.Int ? kv.Value.AsInt() : kv.Value.AsDouble();
            tags.SetMetric(kv.Key == "sampling.priority" ? "_sampling_priority_v1" : kv.Key, number);
            return;
        }

        var value = kv.Value.ToString();
        if (kv.Key == "_dd.measured")
        {
            if (value == "1")
            {
                tags.SetMetric("_dd.measured", 1);
            }

            return;
        }

        if (kv.Key == "sampling.priority" && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var priority))
        {
            tags.SetMetric("_sampling_priority_v1", priority);
            return;
        }

        tags.SetMeta(kv.Key, value);
    }

    private static void RemapHttp(Span span, DatadogTagBuilder tags)
    {
        var method = AttributeText(span, "http.request.method", "http.method");
        if (method.Length > 0)
        {
            tags.SetMeta("http.method", method);
        }

        var status = AttributeText(span, "http.response.status_code", "http.status_code");
        if (status.Length > 0)
        {
            tags.SetMeta("http.status_code", status);
            if (double.TryParse(status, NumberStyles.Float, CultureInfo.InvariantCulture, out var code))
            {
                tags.SetMetric("http.status_code", code);
            }
        }

        foreach (var (from, to) in s_httpRemaps)
        {
            if (!tags.HasMeta(to))
            {
                tags.SetMetaIfAbsent(to, AttributeText(span, from, string.Empty));
            }
        }

        foreach (var kv in span.Attributes)
        {
            const string RequestHeader = "http.request.header.";
            if (kv.Key.StartsWith(RequestHeader, StringComparison.Ordinal) && kv.Key != "http.request.header.referrer")
            {
                tags.SetMetaIfAbsent(string.Concat("http.request.headers.", kv.Key.AsSpan(RequestHeader.Length)), kv.Value.ToString());
            }
        }
    }

    /// <summary>A span attribute as text: the first key, else the second (an array value's first item, as header values are arrays).</summary>
    private static string AttributeText(Span span, string key, string fallbackKey)
    {
        if (span.TryGetAttribute(key, out var value) || (fallbackKey.Length > 0 && span.TryGetAttribute(fallbackKey, out value)))
        {
            if (value.Type == AnyValueType.Array)
            {
                var items = value.AsArray();
                return items.Length > 0 ? items[0].ToString() : string.Empty;
            }

            return value.ToString();
        }

        return string.Empty;
    }

    /// <summary>Spec §3.5: status ERROR ⇒ 1, exception events ⇒ error.msg/type/stack, then fallbacks.</summary>
    private static int Error(Span span, DatadogTagBuilder tags)
    {
        var hasException = false;
        var isError = span.StatusCode == StatusCode.Error;
        foreach (var e in span.Events)
        {
            if (!e.Name.Equals("exception", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            hasException = true;
            if (!isError)
            {
                continue;
            }

            CopyEventAttribute(tags, e, "exception.message", "error.msg");
            CopyEventAttribute(tags, e, "exception.type", "error.type");
            CopyEventAttribute(tags, e, "exception.stacktrace", "error.stack");
        }

        if (hasException)
        {
            tags.SetMeta("_dd.span_events.has_exception", "true");
        }

        var error = isError ? 1 : 0;
        if (span.TryGetAttribute("datadog.error", out var datadogError) &&
            long.TryParse(datadogError.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var forced))
        {
            error = forced != 0 ? 1 : 0;
        }

        if (isError && !tags.HasMeta("error.msg"))
        {
            if (span.StatusMessage.Length > 0)
            {
                tags.SetMeta("error.msg", span.StatusMessage);
            }
            else if (tags.TryGetMeta("http.status_code", out var code))
            {
                if (tags.TryGetMeta("http.status_text", out var text))
                {
                    tags.SetMeta("error.msg", code + " " + text);
                }
                else
                {
                    var phrase = int.TryParse(code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                        ? ReasonPhrases.GetReasonPhrase(number)
                        : string.Empty;
                    tags.SetMeta("error.msg", phrase.Length > 0 ? code + " " + phrase : code);
                }
            }
        }

        foreach (var (from, to) in (ReadOnlySpan<(string, string)>)[("datadog.error.msg", "error.msg"), ("datadog.error.type", "error.type"), ("datadog.error.stack", "error.stack")])
        {
            var value = OtelAttributeLookup.Get(span, from);
            if (value.Length > 0)
            {
                tags.SetMeta(to, value);
            }
        }

        return error;
    }

    private static void CopyEventAttribute(DatadogTagBuilder tags, SpanEvent e, string from, string to)
    {
        if (OtelAttributeLookup.TryFind(e.Attributes, from, out var value))
        {
            tags.SetMeta(to, value.ToString());
        }
    }
}
