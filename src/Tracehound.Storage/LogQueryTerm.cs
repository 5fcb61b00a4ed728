namespace Tracehound.Storage;

/// <summary>
/// One term of a log query; a record matches a query when every term holds (a negated term holds
/// when its condition does not). <see cref="Name"/> is the attribute name for
/// <see cref="LogQueryTermKind.Attribute"/>; <see cref="MinSeverity"/>/<see cref="MaxSeverity"/>
/// the range of a status; <see cref="Trace"/> and <see cref="TraceFallback"/> the lookups of a
/// <c>trace_id:</c> term (either may match).
/// </summary>
public sealed record LogQueryTerm(LogQueryTermKind Kind, string Value, bool Negated)
{
    public string Name { get; init; } = string.Empty;

    public int MinSeverity { get; init; }

    public int MaxSeverity { get; init; }

    public TraceLookup Trace { get; init; }

    /// <summary>The same digits read as Datadog's decimal 64-bit id, when they also read as one.</summary>
    public TraceLookup? TraceFallback { get; init; }
}
