using System.Globalization;
using Tracehound.Model;

namespace Tracehound.Processing.Stats;

/// <summary>
/// Reads what the concentrator needs from one span's Datadog view (spec §6): whether it is eligible, its
/// aggregation key and its weight. Meta and metrics are each read in one pass (a span has dozens of tags and a
/// lookup per field would scan them a dozen times). When the view keeps no meta/metrics of its own (a Datadog
/// span, or a lean view of an OpenTelemetry span) the span's attributes are read, accepting the OpenTelemetry
/// names (<c>http.response.status_code</c>, <c>http.request.method</c>) as fallbacks.
/// </summary>
internal static class StatsSpanReader
{
    private static readonly string[] s_grpcKeys = ["rpc.grpc.status_code", "grpc.code", "rpc.grpc.status.code", "grpc.status.code"];

    /// <summary>False when the span is not counted (not top-level, measured or of a counted kind; or a partial snapshot).</summary>
    public static bool TryRead(Span span, DatadogSpanInfo info, out StatsKey key)
    {
        var fields = new Fields();
        if (info.Meta is null && info.Metrics is null)
        {
            ReadAttributes(span.Attributes, ref fields);
        }
        else
        {
            ReadStrings(info.Meta ?? span.Attributes, ref fields);
            ReadNumbers(info.Metrics ?? span.Attributes, ref fields);
        }

        var kind = fields.SpanKind ?? (span.Kind == SpanKind.Unspecified ? string.Empty : KindName(span.Kind));
        var countedKind = kind is "server" or "client" or "producer" or "consumer";
        if (fields.PartialVersion || !(info.TopLevel || info.Measured || countedKind))
        {
            key = default;
            return false;
        }

        var peerTags = string.Empty;
        if (fields.PeerTags is { Count: > 0 } tags)
        {
            if (kind is "client" or "producer" or "consumer")
            {
                tags.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
                peerTags = string.Join(',', tags.Select(static t => t.Key + ":" + t.Value));
            }
            else if (kind is "" or "internal" && tags.Find(static t => t.Key == PeerTagKeys.BaseService) is { Key: not null } baseService)
            {
                peerTags = baseService.Key + ":" + baseService.Value;
            }
        }

        key = new StatsKey(
            info.Service,
            info.Name,
            info.Resource,
            info.Type,
            kind,
            fields.HttpStatus ?? fields.HttpStatusFromMeta ?? 0,
            info.Chunk.Origin.StartsWith("synthetics", StringComparison.Ordinal),
            span.ParentSpanId.IsEmpty ? StatsTraceRoot.True : StatsTraceRoot.False,
            peerTags,
            fields.Grpc ?? string.Empty,
            fields.HttpMethod ?? fields.OtelHttpMethod ?? string.Empty,
            fields.HttpEndpoint ?? fields.HttpRoute ?? string.Empty,
            fields.ServiceSource ?? string.Empty,
            span.Name);
        return true;
    }

    /// <summary>The span's <c>_sample_rate</c> metric when it is in (0, 1), i.e. a weight other than 1.</summary>
    public static double SampleRate(Span span, DatadogSpanInfo info)
    {
        foreach (var kv in info.Metrics ?? span.Attributes)
        {
            if (kv.Key == "_sample_rate" && kv.Value.Type == AnyValueType.Double)
            {
                var rate = kv.Value.AsDouble();
                return rate > 0 && rate <= 1 ? rate : 1;
            }
        }

        return 1;
    }

    private static string KindName(SpanKind kind) => kind switch
    {
        SpanKind.Server => "server",
        SpanKind.Client => "client",
        SpanKind.Producer => "producer",
        SpanKind.Consumer => "consumer",
        _ => "internal",
    };

    private static void ReadAttributes(KeyValue[] attributes, ref Fields fields)
    {
        foreach (var kv in attributes)
        {
            switch (kv.Value.Type)
            {
                case AnyValueType.String:
                    ReadString(kv.Key, kv.Value.AsString(), ref fields);
                    if (kv.Key == "http.request.method")
                    {
                        fields.OtelHttpMethod ??= kv.Value.AsString();
                    }

                    break;
                case AnyValueType.Double:
                    ReadNumber(kv.Key, kv.Value.AsDouble(), ref fields);
                    break;
                case AnyValueType.Int when kv.Key is "http.status_code" or "http.response.status_code":
                    var code = kv.Value.AsInt();
                    if (code is > 0 and <= uint.MaxValue)
                    {
                        fields.HttpStatusFromMeta ??= (uint)code;
                    }

                    break;
                case AnyValueType.Int when GrpcPrecedence(kv.Key) is var p and >= 0 && p < fields.GrpcPrecedence:
                    fields.Grpc = kv.Value.AsInt().ToString(CultureInfo.InvariantCulture);
                    fields.GrpcPrecedence = p;
                    break;
            }
        }
    }

    private static void ReadStrings(KeyValue[] meta, ref Fields fields)
    {
        foreach (var kv in meta)
        {
            if (kv.Value.Type == AnyValueType.String)
            {
                ReadString(kv.Key, kv.Value.AsString(), ref fields);
            }
        }
    }

    private static void ReadNumbers(KeyValue[] metrics, ref Fields fields)
    {
        foreach (var kv in metrics)
        {
            if (kv.Value.Type == AnyValueType.Double)
            {
                ReadNumber(kv.Key, kv.Value.AsDouble(), ref fields);
            }
        }
    }

    private static void ReadString(string key, string value, ref Fields fields)
    {
        switch (key)
        {
            case "span.kind":
                fields.SpanKind = value.ToLowerInvariant();
                return;
            case "http.status_code":
                if (uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var status))
                {
                    fields.HttpStatusFromMeta = status;
                }

                return;
            case "http.method":
                fields.HttpMethod = value;
                return;
            case "http.endpoint":
                fields.HttpEndpoint = value;
                return;
            case "http.route":
                fields.HttpRoute = value;
                return;
            case "_dd.svc_src":
                fields.ServiceSource = value;
                return;
        }

        var precedence = GrpcPrecedence(key);
        if (precedence >= 0)
        {
            if (precedence < fields.GrpcPrecedence && GrpcStatus.TryParse(value, out var code))
            {
                fields.Grpc = code;
                fields.GrpcPrecedence = precedence;
            }

            return;
        }

        if (value.Length > 0 && PeerTagKeys.Default.Contains(key))
        {
            (fields.PeerTags ??= []).Add(new KeyValuePair<string, string>(key, value));
        }
    }

    private static void ReadNumber(string key, double value, ref Fields fields)
    {
        switch (key)
        {
            case "http.status_code":
                if (value is > 0 and <= uint.MaxValue)
                {
                    fields.HttpStatus = (uint)value;
                }

                return;
            case "_dd.partial_version":
                fields.PartialVersion = value >= 0;
                return;
        }

        var precedence = GrpcPrecedence(key);
        if (precedence >= 0 && precedence < fields.GrpcPrecedence && value >= 0 && value == Math.Floor(value))
        {
            fields.Grpc = ((long)value).ToString(CultureInfo.InvariantCulture);
            fields.GrpcPrecedence = precedence;
        }
    }

    private static int GrpcPrecedence(string key) => Array.IndexOf(s_grpcKeys, key);

    private struct Fields
    {
        public Fields()
        {
        }

        public string? SpanKind;
        public uint? HttpStatus;
        public uint? HttpStatusFromMeta;
        public string? HttpMethod;
        public string? OtelHttpMethod;
        public string? HttpEndpoint;
        public string? HttpRoute;
        public string? ServiceSource;
        public string? Grpc;
        public int GrpcPrecedence = int.MaxValue;
        public bool PartialVersion;
        public List<KeyValuePair<string, string>>? PeerTags;
    }
}
