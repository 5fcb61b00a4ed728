namespace Tracehound.Processing.Stats;

/// <summary>
/// The concentrator's aggregation key (spec §6 group key): service, operation name, resource, type, span.kind,
/// HTTP status code, synthetics, is_trace_root, peer tags, gRPC status code, HTTP method and endpoint, service
/// source — plus the span's own (OpenTelemetry / Jaeger) name, which Jaeger's Monitor tab shows as the operation.
/// The hash is computed once when the key is made (outside the concentrator's lock), not on every lookup.
/// </summary>
public readonly struct StatsKey : IEquatable<StatsKey>
{
    private readonly int _hash;

    public StatsKey(
        string service,
        string name,
        string resource,
        string type,
        string spanKind,
        uint httpStatusCode,
        bool synthetics,
        StatsTraceRoot isTraceRoot,
        string peerTags,
        string grpcStatusCode,
        string httpMethod,
        string httpEndpoint,
        string serviceSource,
        string spanName)
    {
        Service = service;
        Name = name;
        Resource = resource;
        Type = type;
        SpanKind = spanKind;
        HttpStatusCode = httpStatusCode;
        Synthetics = synthetics;
        IsTraceRoot = isTraceRoot;
        PeerTags = peerTags;
        GrpcStatusCode = grpcStatusCode;
        HttpMethod = httpMethod;
        HttpEndpoint = httpEndpoint;
        ServiceSource = serviceSource;
        SpanName = spanName;
        var hash = new HashCode();
        hash.Add(service, StringComparer.Ordinal);
        hash.Add(name, StringComparer.Ordinal);
        hash.Add(resource, StringComparer.Ordinal);
        hash.Add(type, StringComparer.Ordinal);
        hash.Add(spanKind, StringComparer.Ordinal);
        hash.Add(httpStatusCode);
        hash.Add(synthetics);
        hash.Add(isTraceRoot);
        hash.Add(peerTags, StringComparer.Ordinal);
        hash.Add(grpcStatusCode, StringComparer.Ordinal);
        hash.Add(httpMethod, StringComparer.Ordinal);
        hash.Add(httpEndpoint, StringComparer.Ordinal);
        hash.Add(serviceSource, StringComparer.Ordinal);
        hash.Add(spanName, StringComparer.Ordinal);
        _hash = hash.ToHashCode();
    }

    public string Service { get; }

    /// <summary>The Datadog operation name, e.g. <c>web.request</c>.</summary>
    public string Name { get; }

    public string Resource { get; }

    public string Type { get; }

    /// <summary>Lower-case <c>span.kind</c> (server, client, ...), empty when none.</summary>
    public string SpanKind { get; }

    /// <summary>0 when the span has none.</summary>
    public uint HttpStatusCode { get; }

    public bool Synthetics { get; }

    public StatsTraceRoot IsTraceRoot { get; }

    /// <summary><c>key:value</c> pairs joined with ',' in key order; empty when none.</summary>
    public string PeerTags { get; }

    /// <summary>Decimal gRPC status code, empty when none.</summary>
    public string GrpcStatusCode { get; }

    public string HttpMethod { get; }

    public string HttpEndpoint { get; }

    public string ServiceSource { get; }

    /// <summary>The span's OpenTelemetry name (Jaeger's operation).</summary>
    public string SpanName { get; }

    public bool Equals(StatsKey other) =>
        _hash == other._hash
        && HttpStatusCode == other.HttpStatusCode
        && Synthetics == other.Synthetics
        && IsTraceRoot == other.IsTraceRoot
        && string.Equals(Service, other.Service, StringComparison.Ordinal)
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && string.Equals(Resource, other.Resource, StringComparison.Ordinal)
        && string.Equals(Type, other.Type, StringComparison.Ordinal)
        && string.Equals(SpanKind, other.SpanKind, StringComparison.Ordinal)
        && string.Equals(PeerTags, other.PeerTags, StringComparison.Ordinal)
        && string.Equals(GrpcStatusCode, other.GrpcStatusCode, StringComparison.Ordinal)
        && string.Equals(HttpMethod, other.HttpMethod, StringComparison.Ordinal)
        && string.Equals(HttpEndpoint, other.HttpEndpoint, StringComparison.Ordinal)
        && string.Equals(ServiceSource, other.ServiceSource, StringComparison.Ordinal)
        && string.Equals(SpanName, other.SpanName, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is StatsKey other && Equals(other);

    public override int GetHashCode() => _hash;

    public static bool operator ==(StatsKey left, StatsKey right) => left.Equals(right);

    public static bool operator !=(StatsKey left, StatsKey right) => !left.Equals(right);
}
