using Tracehound.Query.Parsing;

namespace Tracehound.Query.Logs;

/// <summary>
/// One term of a log query. <see cref="Name"/> is the attribute name for
/// <see cref="LogQueryTermKind.Attribute"/>; <see cref="MinSeverity"/>/<see cref="MaxSeverity"/> the
/// range of a status; <see cref="Trace"/> the lookups of a <c>trace_id:</c> term.
/// </summary>
internal sealed record LogQueryTerm(LogQueryTermKind Kind, string Value, bool Negated)
{
    public string Name { get; init; } = string.Empty;

    public int MinSeverity { get; init; }

    public int MaxSeverity { get; init; }

    public TraceIdRequest Trace { get; init; }
}
