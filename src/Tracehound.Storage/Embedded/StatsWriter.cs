using DuckDB.NET.Data;

namespace Tracehound.Storage.Embedded;

/// <summary>Writes one <see cref="StatsWrite"/> in one transaction on the given connection.</summary>
internal static class StatsWriter
{
    public static void Write(DuckDBConnection connection, StatsWrite write)
    {
        using var transaction = connection.BeginTransaction();
        foreach (var period in write.Replace)
        {
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM stats WHERE resolution_ns = $1 AND bucket_start = $2";
            delete.Parameters.Add(new DuckDBParameter(period.BucketDurationNanos));
            delete.Parameters.Add(new DuckDBParameter(period.StartUnixNano));
            delete.ExecuteNonQuery();
        }

        if (write.Rows.Count > 0)
        {
            using var appender = connection.CreateAppender("stats");
            foreach (var row in write.Rows)
            {
                appender.CreateRow()
                    .AppendValue(row.BucketDurationNanos)
                    .AppendValue(row.BucketStartUnixNano)
                    .AppendValue(row.Service)
                    .AppendValue(row.Name)
                    .AppendValue(row.Resource)
                    .AppendValue(row.Type)
                    .AppendValue(row.SpanKind)
                    .AppendValue(row.HttpStatusCode)
                    .AppendValue(row.Synthetics)
                    .AppendValue(row.IsTraceRoot)
                    .AppendValue(row.PeerTags)
                    .AppendValue(row.GrpcStatusCode)
                    .AppendValue(row.HttpMethod)
                    .AppendValue(row.HttpEndpoint)
                    .AppendValue(row.ServiceSource)
                    .AppendValue(row.SpanName)
                    .AppendValue(row.Hits)
                    .AppendValue(row.Errors)
                    .AppendValue(row.TopLevelHits)
                    .AppendValue(row.Duration)
                    .AppendValue(row.OkSketch)
                    .AppendValue(row.ErrorSketch)
                    .EndRow();
            }
        }

        transaction.Commit();
    }
}
