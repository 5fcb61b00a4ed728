namespace Tracehound.Storage.Embedded;

/// <summary>
/// The stats table: one row per aggregation key per bucket, 10 s buckets and rollups side by side
/// (<c>resolution_ns</c>). Rows are appended in flush (≈ time) order, so the bucket_start zonemaps let a time-range
/// read skip the rest. Sketches are DDSketch protobuf bytes; the store never looks inside them.
/// </summary>
internal static class StatsSchema
{
    public const string Create =
        """
        CREATE TABLE IF NOT EXISTS stats (
            resolution_ns BIGINT, bucket_start BIGINT, service VARCHAR, name VARCHAR, resource VARCHAR, type VARCHAR,
            span_kind VARCHAR, http_status UINTEGER, synthetics BOOLEAN, is_trace_root UTINYINT, peer_tags VARCHAR,
            grpc_status VARCHAR, http_method VARCHAR, http_endpoint VARCHAR, service_source VARCHAR, span_name VARCHAR,
            hits DOUBLE, errors DOUBLE, top_level_hits DOUBLE, duration DOUBLE, ok_sketch BLOB, error_sketch BLOB)
        """;

    /// <summary>The columns every read selects, in the order <see cref="StatsRowReader"/> expects.</summary>
    public const string Columns =
        "resolution_ns, bucket_start, service, name, resource, type, span_kind, http_status, synthetics, is_trace_root, peer_tags, " +
        "grpc_status, http_method, http_endpoint, service_source, span_name, hits, errors, top_level_hits, duration, ok_sketch, error_sketch";
}
