using System.Data.Common;

namespace Tracehound.Storage.Embedded;

/// <summary>Reads one <see cref="StatsRow"/> from a reader positioned on a row of <see cref="StatsSchema.Columns"/>.</summary>
internal static class StatsRowReader
{
    public static StatsRow Read(DbDataReader reader) => new()
    {
        BucketDurationNanos = reader.GetInt64(0),
        BucketStartUnixNano = reader.GetInt64(1),
        Service = reader.GetString(2),
        Name = reader.GetString(3),
        Resource = reader.GetString(4),
        Type = reader.GetString(5),
        SpanKind = reader.GetString(6),
        HttpStatusCode = reader.GetFieldValue<uint>(7),
        Synthetics = reader.GetBoolean(8),
        IsTraceRoot = reader.GetFieldValue<byte>(9),
        PeerTags = reader.GetString(10),
        GrpcStatusCode = reader.GetString(11),
        HttpMethod = reader.GetString(12),
        HttpEndpoint = reader.GetString(13),
        ServiceSource = reader.GetString(14),
        SpanName = reader.GetString(15),
        Hits = reader.GetDouble(16),
        Errors = reader.GetDouble(17),
        TopLevelHits = reader.GetDouble(18),
        Duration = reader.GetDouble(19),
        OkSketch = Bytes(reader, 20),
        ErrorSketch = Bytes(reader, 21),
    };

    private static byte[] Bytes(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return [];
        }

        using var stream = reader.GetStream(ordinal);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
