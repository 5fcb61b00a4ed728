using Tracehound.Query.Parsing;
using Tracehound.Storage;

namespace Tracehound.Query.Jaeger;

/// <summary>
/// A parsed <c>GET /api/traces</c>: either a list of trace ids to fetch (<see cref="TraceIds"/> non-empty,
/// every other parameter ignored, as in Jaeger) or a search (<see cref="Query"/>).
/// </summary>
internal sealed record JaegerSearchRequest(TraceQuery? Query, IReadOnlyList<(string Text, TraceIdRequest Id)> TraceIds);
