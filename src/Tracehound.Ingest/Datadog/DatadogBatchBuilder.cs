using System.Globalization;
using Tracehound.Model;

namespace Tracehound.Ingest.Datadog;

/// <summary>
/// Turns decoded Datadog spans into the model: every Datadog field kept in
/// <see cref="DatadogSpanInfo"/> and the span's attributes (meta, metrics), plus the OpenTelemetry
/// view — kind from <c>span.kind</c>, status from <c>error</c>, 128-bit trace id from
/// <c>_dd.p.tid</c>, links and events (native or JSON-in-meta), a resource per
/// service/env/version/host, and the operation name rule (see <see cref="OperationName"/>).
/// </summary>
internal sealed class DatadogBatchBuilder
{
    private readonly DatadogPayloadInfo _payload;
    private readonly List<Span> _spans = [];

    /// <summary>Per span, the env/version/host its meta names; the resource is made in <see cref="Build"/>, once v0.7's payload fields are all known.</summary>
    private readonly List<ResourceKey> _resourceKeys = [];
    private readonly Dictionary<ResourceKey, Resource> _resources = [];
    private readonly SpanBatch _batch;
    private Dictionary<ulong, ulong>? _traceHighs;
    private DatadogChunkInfo _chunk = DatadogChunkInfo.None;
    private bool _liftChunkFields;
    private ResourceKey _lastResourceKey;
    private Resource? _lastResource;

    public DatadogBatchBuilder(DatadogPayloadInfo payload)
    {
        _payload = payload;
        _batch = new SpanBatch(_spans);
    }

    /// <summary>The request's payload info; v0.7 fills it in while decoding.</summary>
    public DatadogPayloadInfo Payload => _payload;

    /// <summary>Starts a chunk; <paramref name="chunk"/> is v0.7's explicit one, null to lift priority/origin from the spans.</summary>
    public void BeginChunk(DatadogChunkInfo? chunk)
    {
        _liftChunkFields = chunk is null;
        _chunk = chunk ?? new DatadogChunkInfo();
    }

    /// <summary>
    /// Ends a chunk. For v0.3–v0.5 (as the agent does) the chunk's priority is the first span's
    /// sampling priority metric and its origin the first span's <c>_dd.origin</c>; both are lifted
    /// in <see cref="AddSpan"/> while it scans the span's tags anyway, so nothing is left to do here.
    /// </summary>
    public void EndChunk() => _liftChunkFields = false;

    public void AddSpan(DatadogSpanDraft draft)
    {
        if (draft.SpanId == 0 || draft.TraceId == 0)
        {
            _batch.Reject(1, draft.SpanId == 0 ? "a span has span_id 0" : "a span has trace_id 0");
            return;
        }

        var attributes = draft.Attributes.ToArray();
        string kind = string.Empty, errorMsg = string.Empty, errorMessage = string.Empty, env = string.Empty,
            version = string.Empty, hostname = string.Empty, linksJson = string.Empty, eventsJson = string.Empty;
        ulong traceHigh = 0;
        foreach (var kv in attributes)
        {
            if (kv.Value.Type != AnyValueType.String)
            {
                if (_liftChunkFields && _chunk.Priority == DatadogChunkInfo.PriorityNone && kv.Value.Type == AnyValueType.Double && kv.Key == "_sampling_priority_v1")
                {
                    _chunk.Priority = (int)kv.Value.AsDouble();
                }

                continue;
            }

            var value = kv.Value.AsString();
            switch (kv.Key)
            {
                case "span.kind": kind = value; break;
                case "error.msg": errorMsg = value; break;
                case "error.message": errorMessage = value; break;
                case "env": env = value; break;
                case "version": version = value; break;
                case "_dd.hostname": hostname = value; break;
                case "_dd.span_links": linksJson = value; break;
                case "events": eventsJson = value; break;
                case "_dd.origin":
                    if (_liftChunkFields && _chunk.Origin.Length == 0)
                    {
                        _chunk.Origin = value;
                    }

                    break;
                case "_dd.p.tid":
                    if (ulong.TryParse(value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high))
                    {
                        traceHigh = high;
                    }

                    break;
            }
        }

        if (traceHigh != 0)
        {
            _traceHighs ??= [];
            _traceHighs[draft.TraceId] = traceHigh;
        }

        var info = new DatadogSpanInfo
        {
            Service = draft.Service,
            Name = draft.Name,
            Resource = draft.Resource,
            Type = draft.Type,
            Error = draft.Error,
            MetaStruct = draft.MetaStruct.Count == 0 ? [] : draft.MetaStruct.ToArray(),
            Chunk = _chunk,
            Payload = _payload,
        };
        var span = new Span
        {
            TraceId = new TraceId(traceHigh, draft.TraceId),
            SpanId = new SpanId(draft.SpanId),
            ParentSpanId = new SpanId(draft.ParentId),
            Name = OperationName(draft.Name, draft.Resource, draft.Type, kind),
            Kind = ParseKind(kind),
            StartTimeUnixNano = draft.Start,
            EndTimeUnixNano = draft.Start + Math.Max(0, draft.Duration),
            Attributes = attributes,
            StatusCode = draft.Error != 0 ? StatusCode.Error : StatusCode.Unset,
            StatusMessage = draft.Error != 0 ? (errorMsg.Length > 0 ? errorMsg : errorMessage) : string.Empty,
            Links = draft.Links.Count > 0 ? draft.Links.ToArray() : linksJson.Length > 0 ? DatadogMetaJson.ParseLinks(linksJson) : [],
            Events = draft.Events.Count > 0 ? draft.Events.ToArray() : eventsJson.Length > 0 ? DatadogMetaJson.ParseEvents(eventsJson) : [],
            Datadog = info,
        };
        _spans.Add(span);
        _resourceKeys.Add(new ResourceKey(draft.Service, env, version, hostname));
    }

    /// <summary>The spans decoded so far, each 128-bit id completed from its trace's <c>_dd.p.tid</c>.</summary>
    public SpanBatch Build()
    {
        for (var i = 0; i < _spans.Count; i++)
        {
            var key = _resourceKeys[i];
            _spans[i].Resource = GetResource(key.Service, key.Env.Length > 0 ? key.Env : _payload.Env,
                key.Version.Length > 0 ? key.Version : _payload.AppVersion, _payload.Hostname.Length > 0 ? _payload.Hostname : key.Hostname);
        }

        if (_traceHighs is not null)
        {
            // Tracers put _dd.p.tid on a chunk's first span only; every span of that trace in the
            // request (also in other chunks) shares it.
            foreach (var span in _spans)
            {
                if (span.TraceId.High == 0 && _traceHighs.TryGetValue(span.TraceId.Low, out var high))
                {
                    span.TraceId = new TraceId(high, span.TraceId.Low);
                }
            }
        }

        return _batch;
    }

    /// <summary>
    /// The span's OpenTelemetry (and so Jaeger) name: the Datadog resource for web/server spans
    /// (type <c>web</c> or <c>span.kind=server</c>: the endpoint, e.g. <c>GET /users/:id</c>), the
    /// Datadog name otherwise (e.g. <c>postgres.query</c>); the other one when one is empty.
    /// </summary>
    public static string OperationName(string name, string resource, string type, string kind)
    {
        var web = type == "web" || kind == "server";
        if (web && resource.Length > 0)
        {
            return resource;
        }

        return name.Length > 0 ? name : resource;
    }

    private static SpanKind ParseKind(string kind) => kind switch
    {
        "server" => SpanKind.Server,
        "client" => SpanKind.Client,
        "producer" => SpanKind.Producer,
        "consumer" => SpanKind.Consumer,
        "internal" => SpanKind.Internal,
        _ => SpanKind.Unspecified,
    };

    private Resource GetResource(string service, string env, string version, string hostname)
    {
        // Spans of one trace mostly share the key, and its strings come from the same cache
        // slots: comparing references first skips hashing four strings per span.
        var last = _lastResourceKey;
        if (_lastResource is not null && ReferenceEquals(service, last.Service) && ReferenceEquals(env, last.Env)
            && ReferenceEquals(version, last.Version) && ReferenceEquals(hostname, last.Hostname))
        {
            return _lastResource;
        }

        var key = new ResourceKey(service, env, version, hostname);
        if (!_resources.TryGetValue(key, out var resource))
        {
            resource = CreateResource(service, env, version, hostname);
            _resources.Add(key, resource);
        }

        _lastResourceKey = key;
        _lastResource = resource;
        return resource;
    }

    private Resource CreateResource(string service, string env, string version, string hostname)
    {

        var attributes = new List<KeyValue>(8) { KeyValue.String("service.name", service.Length > 0 ? service : UnnamedService()) };
        Add(attributes, "deployment.environment.name", env);
        Add(attributes, "service.version", version);
        Add(attributes, "host.name", hostname);
        Add(attributes, "container.id", _payload.ContainerId);
        attributes.Add(KeyValue.String("telemetry.sdk.name", "datadog"));
        Add(attributes, "telemetry.sdk.language", _payload.LanguageName);
        Add(attributes, "telemetry.sdk.version", _payload.TracerVersion);
        Add(attributes, "process.runtime.version", _payload.LanguageVersion);
        return new Resource([.. attributes]);
    }

    /// <summary>The agent's fallback for spans without a service.</summary>
    private string UnnamedService() =>
        _payload.LanguageName.Length > 0 ? $"unnamed-{_payload.LanguageName}-service" : "unnamed-service";

    private static void Add(List<KeyValue> attributes, string key, string value)
    {
        if (value.Length > 0)
        {
            attributes.Add(KeyValue.String(key, value));
        }
    }

    private readonly record struct ResourceKey(string Service, string Env, string Version, string Hostname);
}
