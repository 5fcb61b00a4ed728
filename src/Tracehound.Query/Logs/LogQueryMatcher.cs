using Tracehound.Model;
using Tracehound.Storage;

namespace Tracehound.Query.Logs;

/// <summary>
/// Checks log records against the terms of a log query (all must hold): the meaning of a query.
/// The store narrows by the same terms (never dropping a match); this re-checks what it returns.
/// </summary>
internal static class LogQueryMatcher
{
    public static bool Matches(LogRecord record, IReadOnlyList<LogQueryTerm> terms)
    {
        foreach (var term in terms)
        {
            if (Holds(record, term) == term.Negated)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Holds(LogRecord record, LogQueryTerm term) => term.Kind switch
    {
        LogQueryTermKind.Text => record.Body.ToString().Contains(term.Value, StringComparison.OrdinalIgnoreCase),
        LogQueryTermKind.Service => LogValuePattern.Matches(record.ServiceName, term.Value),
        LogQueryTermKind.Status => record.SeverityNumber >= term.MinSeverity && record.SeverityNumber <= term.MaxSeverity,
        LogQueryTermKind.TraceId => InTrace(record.TraceId, term.Trace) || (term.TraceFallback is { } fallback && InTrace(record.TraceId, fallback)),
        _ => AttributeMatches(record.Attributes, term) || (!Has(record.Attributes, term.Name) && AttributeMatches(record.Resource.Attributes, term)),
    };

    /// <summary>A record that knew only the low 64 bits of its id belongs to the trace with those bits.</summary>
    public static bool InTrace(TraceId id, TraceLookup lookup) =>
        id.Low == lookup.Id.Low && (lookup.LowBitsOnly || id.High == lookup.Id.High || id.High == 0);

    private static bool AttributeMatches(KeyValue[] attributes, LogQueryTerm term)
    {
        foreach (var kv in attributes)
        {
            if (kv.Key == term.Name && LogValuePattern.Matches(kv.Value.ToString(), term.Value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Has(KeyValue[] attributes, string name)
    {
        foreach (var kv in attributes)
        {
            if (kv.Key == name)
            {
                return true;
            }
        }

        return false;
    }
}
