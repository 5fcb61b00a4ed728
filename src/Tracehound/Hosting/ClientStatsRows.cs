using Tracehound.Ingest.Datadog.Stats;
using Tracehound.Processing.Stats;

namespace Tracehound.Hosting;

/// <summary>
/// A tracer's <c>/v0.6/stats</c> payload as concentrator rows (spec §6 client-computed stats): a row without a
/// service takes the payload's, an empty resource becomes the operation name. Payload-level fields (env,
/// hostname, version, ...) are not aggregation dimensions in Tracehound and are left out.
/// </summary>
internal static class ClientStatsRows
{
    public static IEnumerable<ClientStatsRow> From(DatadogClientStatsPayload payload)
    {
        foreach (var bucket in payload.Stats)
        {
            var start = (long)Math.Min(bucket.Start, long.MaxValue);
            foreach (var row in bucket.Stats)
            {
                var peerTags = row.PeerTags.Count == 0 ? string.Empty : string.Join(',', row.PeerTags.Order(StringComparer.Ordinal));
                var key = new StatsKey(
                    row.Service.Length > 0 ? row.Service : payload.Service,
                    row.Name,
                    row.Resource.Length > 0 ? row.Resource : row.Name,
                    row.Type,
                    row.SpanKind.ToLowerInvariant(),
                    row.HttpStatusCode,
                    row.Synthetics,
                    row.IsTraceRoot is >= 0 and <= 2 ? (StatsTraceRoot)row.IsTraceRoot : StatsTraceRoot.NotSet,
                    peerTags,
                    row.GrpcStatusCode,
                    row.HttpMethod,
                    row.HttpEndpoint,
                    row.ServiceSource,
                    string.Empty);
                yield return new ClientStatsRow
                {
                    BucketStartUnixNano = start,
                    Key = key,
                    Hits = row.Hits,
                    Errors = row.Errors,
                    TopLevelHits = row.TopLevelHits,
                    Duration = row.Duration,
                    OkSummary = row.OkSummary,
                    ErrorSummary = row.ErrorSummary,
                };
            }
        }
    }
}
