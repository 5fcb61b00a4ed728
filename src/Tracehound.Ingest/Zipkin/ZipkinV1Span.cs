using Tracehound.Model;

namespace Tracehound.Ingest.Zipkin;

/// <summary>A decoded v1 span and its conversion to one or two v2 spans.</summary>
internal sealed class ZipkinV1Span
{
    public TraceId TraceId { get; set; }

    /// <summary>v1's separate high half of a 128-bit id.</summary>
    public ulong TraceIdHigh { get; set; }

    public ulong Id { get; set; }

    public ulong ParentId { get; set; }

    public string Name { get; set; } = string.Empty;

    public long TimestampMicros { get; set; }

    public long DurationMicros { get; set; }

    public bool Debug { get; set; }

    public List<ZipkinAnnotation> Annotations { get; } = [];

    public List<ZipkinV1BinaryAnnotation> BinaryAnnotations { get; } = [];

    public IEnumerable<ZipkinSpanDraft> ToV2()
    {
        ZipkinAnnotation? cs = null, cr = null, sr = null, ss = null, ms = null, mr = null;
        var others = new List<ZipkinAnnotation>();
        foreach (var annotation in Annotations)
        {
            switch (annotation.Value)
            {
                case "cs": cs = annotation; break;
                case "cr": cr = annotation; break;
                case "sr": sr = annotation; break;
                case "ss": ss = annotation; break;
                case "ms": ms = annotation; break;
                case "mr": mr = annotation; break;
                default: others.Add(annotation); break;
            }
        }

        ZipkinEndpoint? clientAddress = null, serverAddress = null, brokerAddress = null, localComponent = null;
        var tags = new List<KeyValuePair<string, string>>();
        foreach (var binary in BinaryAnnotations)
        {
            switch (binary.Key)
            {
                case "ca": clientAddress = binary.Endpoint; break;
                case "sa": serverAddress = binary.Endpoint; break;
                case "ma": brokerAddress = binary.Endpoint; break;
                case "lc":
                    localComponent = binary.Endpoint;
                    if (binary.Value.Length > 0)
                    {
                        tags.Add(new(binary.Key, binary.Value));
                    }

                    break;
                default:
                    localComponent ??= binary.Endpoint;
                    tags.Add(new(binary.Key, binary.Value));
                    break;
            }
        }

        var traceId = TraceIdHigh != 0 ? new TraceId(TraceIdHigh, TraceId.Low) : TraceId;
        var isClient = cs is not null || cr is not null;
        var isServer = sr is not null || ss is not null;

        // The primary span: the client side when there is one, else the server, broker or local side.
        var primary = NewDraft(traceId, Id, ParentId);
        primary.Tags.AddRange(tags);
        primary.Annotations.AddRange(others);
        if (isClient)
        {
            Fill(primary, ZipkinSpanKind.Client, cs, cr, serverAddress);
        }
        else if (isServer)
        {
            Fill(primary, ZipkinSpanKind.Server, sr, ss, clientAddress);
        }
        else if (ms is not null)
        {
            Fill(primary, ZipkinSpanKind.Producer, ms, null, brokerAddress);
        }
        else if (mr is not null)
        {
            Fill(primary, ZipkinSpanKind.Consumer, mr, null, brokerAddress);
        }

        primary.LocalEndpoint ??= localComponent ?? others.Find(a => a.Endpoint is not null).Endpoint;
        yield return primary;

        if (isClient && isServer)
        {
            // One v1 span recorded by both sides of an RPC: the server side is a shared v2 span.
            var server = NewDraft(traceId, Id, ParentId);
            server.Shared = true;
            server.TimestampMicros = 0;
            server.DurationMicros = 0;
            Fill(server, ZipkinSpanKind.Server, sr, ss, clientAddress);
            server.LocalEndpoint ??= primary.LocalEndpoint;
            yield return server;
        }
    }

    private ZipkinSpanDraft NewDraft(TraceId traceId, ulong id, ulong parentId) => new()
    {
        TraceId = traceId,
        Id = id,
        ParentId = parentId,
        Name = Name,
        TimestampMicros = TimestampMicros,
        DurationMicros = DurationMicros,
        Debug = Debug,
    };

    private static void Fill(ZipkinSpanDraft draft, ZipkinSpanKind kind, ZipkinAnnotation? begin, ZipkinAnnotation? end, ZipkinEndpoint? remote)
    {
        draft.Kind = kind;
        draft.LocalEndpoint = begin?.Endpoint ?? end?.Endpoint;
        draft.RemoteEndpoint = remote;
        if (draft.TimestampMicros == 0 && begin is { TimestampMicros: > 0 } start)
        {
            draft.TimestampMicros = start.TimestampMicros;
        }

        if (draft.DurationMicros == 0 && begin is { } b && end is { } e && e.TimestampMicros > b.TimestampMicros)
        {
            draft.DurationMicros = e.TimestampMicros - b.TimestampMicros;
        }
    }
}
