using Tracehound.Model;

namespace Tracehound.Storage;

/// <summary>A trace as a store returns it: its id and all its spans, ordered by start time.</summary>
public sealed record TraceData(TraceId TraceId, IReadOnlyList<Span> Spans);
