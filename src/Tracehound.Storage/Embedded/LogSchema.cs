namespace Tracehound.Storage.Embedded;

/// <summary>
/// The log table of the embedded store. Rows stay in insert (≈ time) order, so time-bounded
/// searches skip row groups by the <c>ts</c> zonemaps. <c>ts</c> is the record's time, or its
/// observed time when it has none (what searches filter and sort by); both originals are kept.
/// A record that knew only the low 64 bits of its trace id has <c>trace_hi</c> = 0; reads join it
/// to its trace through <c>trace_index</c>.
/// </summary>
internal static class LogSchema
{
    public static readonly string[] CreateStatements =
    [
        """
        CREATE TABLE IF NOT EXISTS logs (
            ts BIGINT, time_ns BIGINT, observed_ns BIGINT,
            trace_hi UBIGINT, trace_lo UBIGINT, span_id UBIGINT, resource_id UBIGINT, scope_id UBIGINT,
            severity INTEGER, severity_text VARCHAR, flags UINTEGER, event_name VARCHAR, dropped UINTEGER,
            body VARCHAR USING COMPRESSION zstd, attributes VARCHAR USING COMPRESSION zstd)
        """,
    ];

    /// <summary>The log columns every read selects, in the order <see cref="LogRowReader"/> expects.</summary>
    public const string Columns =
        "time_ns, observed_ns, trace_hi, trace_lo, span_id, resource_id, scope_id, severity, severity_text, flags, event_name, dropped, body, attributes";
}
