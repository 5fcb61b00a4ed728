using Tracehound.Processing.Stats;
using Tracehound.Storage;

namespace Tracehound.Query.Stats;

/// <summary>Between the concentrator's (key, group) pairs and stored <see cref="StatsRow"/>s (sketches as DDSketch bytes).</summary>
internal static class StatsRowConverter
{
    public static StatsRow ToRow(long bucketStart, long bucketDuration, StatsKey key, StatsGroup group) => new()
    {
        BucketStartUnixNano = bucketStart,
        BucketDurationNanos = bucketDuration,
        Service = key.Service,
        Name = key.Name,
        Resource = key.Resource,
        Type = key.Type,
        SpanKind = key.SpanKind,
        HttpStatusCode = key.HttpStatusCode,
        Synthetics = key.Synthetics,
        IsTraceRoot = (byte)key.IsTraceRoot,
        PeerTags = key.PeerTags,
        GrpcStatusCode = key.GrpcStatusCode,
        HttpMethod = key.HttpMethod,
        HttpEndpoint = key.HttpEndpoint,
        ServiceSource = key.ServiceSource,
        SpanName = key.SpanName,
        Hits = group.Hits,
        Errors = group.Errors,
        TopLevelHits = group.TopLevelHits,
        Duration = group.Duration,
        OkSketch = group.OkSketch.IsEmpty ? [] : DDSketchCodec.Encode(group.OkSketch),
        ErrorSketch = group.ErrorSketch.IsEmpty ? [] : DDSketchCodec.Encode(group.ErrorSketch),
    };

    public static StatsKey ToKey(StatsRow row) => new(
        row.Service, row.Name, row.Resource, row.Type, row.SpanKind, row.HttpStatusCode, row.Synthetics,
        (StatsTraceRoot)row.IsTraceRoot, row.PeerTags, row.GrpcStatusCode, row.HttpMethod, row.HttpEndpoint,
        row.ServiceSource, row.SpanName);

    /// <summary>The row's figures with its sketches decoded (a corrupt sketch counts as empty).</summary>
    public static StatsGroup ToGroup(StatsRow row)
    {
        var group = new StatsGroup();
        group.AddAggregate(row.Hits, row.Errors, row.TopLevelHits, row.Duration, Decode(row.OkSketch), Decode(row.ErrorSketch));
        return group;
    }

    private static DDSketch? Decode(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return DDSketchCodec.Decode(bytes);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
