namespace Tracehound.Storage.Embedded;

/// <summary>
/// The tables of the embedded store. Ids are binary (UBIGINT halves), never hex text. <c>spans</c>
/// stays in insert (≈ time) order so searches skip row groups by the start_ns zonemaps;
/// <c>trace_index</c> has one row per trace per commit group, so a trace lookup scans that small
/// table and then reads only the commit groups (<c>grp</c>, monotonic in insert order) that hold it.
/// </summary>
internal static class StoreSchema
{
    public const string FileName = "tracehound.duckdb";

    /// <summary>The storage format new files are created in: one new enough for per-column ZSTD.</summary>
    public const string StorageVersion = "v1.5.0";

    public static readonly string[] CreateStatements =
    [
        """
        CREATE TABLE IF NOT EXISTS spans (
            trace_hi UBIGINT, trace_lo UBIGINT, span_id UBIGINT, parent_id UBIGINT,
            start_ns BIGINT, duration_ns BIGINT, grp BIGINT, resource_id UBIGINT, scope_id UBIGINT,
            name VARCHAR, kind UTINYINT, status UTINYINT, flags UINTEGER,
            attributes VARCHAR USING COMPRESSION zstd, extra VARCHAR USING COMPRESSION zstd)
        """,
        "CREATE TABLE IF NOT EXISTS trace_index (trace_hi UBIGINT, trace_lo UBIGINT, grp BIGINT, min_start BIGINT, max_start BIGINT)",
        "CREATE TABLE IF NOT EXISTS resources (id UBIGINT, service VARCHAR, attributes VARCHAR, dropped UINTEGER, schema_url VARCHAR)",
        "CREATE TABLE IF NOT EXISTS scopes (id UBIGINT, name VARCHAR, version VARCHAR, attributes VARCHAR, dropped UINTEGER, schema_url VARCHAR)",
        "CREATE TABLE IF NOT EXISTS operations (service VARCHAR, name VARCHAR, kind UTINYINT)",
    ];

    /// <summary>The span columns every read selects, in the order <see cref="SpanRowReader"/> expects.</summary>
    public const string SpanColumns =
        "trace_hi, trace_lo, span_id, parent_id, start_ns, duration_ns, resource_id, scope_id, name, kind, status, flags, attributes, extra";
}
