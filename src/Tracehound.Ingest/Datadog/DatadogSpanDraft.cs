using Tracehound.Model;

namespace Tracehound.Ingest.Datadog;

/// <summary>
/// One Datadog span as decoded from the wire, before it becomes a <see cref="Span"/>. A decoder
/// reuses one draft for every span (lists cleared, not reallocated), so no per-span dictionary or
/// list is allocated; only the final arrays are.
/// </summary>
internal sealed class DatadogSpanDraft
{
    public string Service = string.Empty;
    public string Name = string.Empty;
    public string Resource = string.Empty;
    public string Type = string.Empty;
    public ulong TraceId;
    public ulong SpanId;
    public ulong ParentId;
    public long Start;
    public long Duration;
    public int Error;

    /// <summary>meta then metrics, in wire order: exactly the span's attributes.</summary>
    public readonly List<KeyValue> Attributes = new(32);
    public readonly List<KeyValue> MetaStruct = [];
    public readonly List<SpanLink> Links = [];
    public readonly List<SpanEvent> Events = [];

    public void Reset()
    {
        Service = Name = Resource = Type = string.Empty;
        TraceId = SpanId = ParentId = 0;
        Start = Duration = 0;
        Error = 0;
        Attributes.Clear();
        MetaStruct.Clear();
        Links.Clear();
        Events.Clear();
    }
}
