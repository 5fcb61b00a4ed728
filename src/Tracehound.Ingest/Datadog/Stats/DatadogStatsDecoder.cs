using System.Buffers;
using MessagePack;
using Tracehound.Ingest.Text;

namespace Tracehound.Ingest.Datadog.Stats;

/// <summary>Decodes a <c>/v0.6/stats</c> body (msgpack ClientStatsPayload); unknown keys are skipped.</summary>
internal static class DatadogStatsDecoder
{
    public static DatadogClientStatsPayload Decode(ReadOnlySequence<byte> body)
    {
        var reader = new MessagePackReader(body);
        try
        {
            var payload = ReadPayload(ref reader);
            if (!reader.End)
            {
                throw new DatadogDecodeException($"{body.Length - reader.Consumed} unexpected bytes after the stats payload");
            }

            return payload;
        }
        catch (EndOfStreamException ex)
        {
            throw new DatadogDecodeException($"unexpected-eof: the msgpack body is truncated ({ex.Message})", ex);
        }
        catch (MessagePackSerializationException ex)
        {
            throw new DatadogDecodeException($"invalid msgpack: {ex.Message}", ex);
        }
        catch (OverflowException ex)
        {
            throw new DatadogDecodeException($"a number is out of range: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new DatadogDecodeException($"invalid msgpack: {ex.Message}", ex);
        }
    }

    private static DatadogClientStatsPayload ReadPayload(ref MessagePackReader reader)
    {
        var payload = new DatadogClientStatsPayload();
        var fields = MsgPackValues.ReadMapHeader(ref reader);
        for (var f = 0; f < fields; f++)
        {
            switch (Key(ref reader))
            {
                case "Hostname": payload.Hostname = Text(ref reader); break;
                case "Env": payload.Env = Text(ref reader); break;
                case "Version": payload.Version = Text(ref reader); break;
                case "Lang": payload.Lang = Text(ref reader); break;
                case "TracerVersion": payload.TracerVersion = Text(ref reader); break;
                case "RuntimeID": payload.RuntimeId = Text(ref reader); break;
                case "Sequence": payload.Sequence = MsgPackValues.ReadUInt64(ref reader); break;
                case "AgentAggregation": payload.AgentAggregation = Text(ref reader); break;
                case "Service": payload.Service = Text(ref reader); break;
                case "ContainerID": payload.ContainerId = Text(ref reader); break;
                case "Tags": ReadStrings(ref reader, payload.Tags); break;
                case "GitCommitSha": payload.GitCommitSha = Text(ref reader); break;
                case "ImageTag": payload.ImageTag = Text(ref reader); break;
                case "ProcessTagsHash": payload.ProcessTagsHash = MsgPackValues.ReadUInt64(ref reader); break;
                case "ProcessTags": payload.ProcessTags = Text(ref reader); break;
                case "Stats":
                    var buckets = MsgPackValues.ReadArrayHeader(ref reader);
                    for (var b = 0; b < buckets; b++)
                    {
                        payload.Stats.Add(ReadBucket(ref reader));
                    }

                    break;
                default: MsgPackValues.Skip(ref reader); break;
            }
        }

        return payload;
    }

    private static DatadogClientStatsBucket ReadBucket(ref MessagePackReader reader)
    {
        var bucket = new DatadogClientStatsBucket();
        var fields = MsgPackValues.ReadMapHeader(ref reader);
        for (var f = 0; f < fields; f++)
        {
            switch (Key(ref reader))
            {
                case "Start": bucket.Start = MsgPackValues.ReadUInt64(ref reader); break;
                case "Duration": bucket.Duration = MsgPackValues.ReadUInt64(ref reader); break;
                case "AgentTimeShift": bucket.AgentTimeShift = MsgPackValues.ReadInt64(ref reader); break;
                case "Stats":
                    var rows = MsgPackValues.ReadArrayHeader(ref reader);
                    for (var r = 0; r < rows; r++)
                    {
                        bucket.Stats.Add(ReadGrouped(ref reader));
                    }

                    break;
                default: MsgPackValues.Skip(ref reader); break;
            }
        }

        return bucket;
    }

    private static DatadogClientGroupedStats ReadGrouped(ref MessagePackReader reader)
    {
        var row = new DatadogClientGroupedStats();
        var fields = MsgPackValues.ReadMapHeader(ref reader);
        for (var f = 0; f < fields; f++)
        {
            switch (Key(ref reader))
            {
                case "Service": row.Service = Text(ref reader); break;
                case "Name": row.Name = Text(ref reader); break;
                case "Resource": row.Resource = Text(ref reader); break;
                case "HTTPStatusCode": row.HttpStatusCode = (uint)MsgPackValues.ReadUInt64(ref reader); break;
                case "Type": row.Type = Text(ref reader); break;
                case "DBType": row.DbType = Text(ref reader); break;
                case "Hits": row.Hits = MsgPackValues.ReadUInt64(ref reader); break;
                case "Errors": row.Errors = MsgPackValues.ReadUInt64(ref reader); break;
                case "Duration": row.Duration = MsgPackValues.ReadUInt64(ref reader); break;
                case "OkSummary": row.OkSummary = MsgPackValues.ReadBytes(ref reader, DatadogLimits.MaxMetaStructValueBytes); break;
                case "ErrorSummary": row.ErrorSummary = MsgPackValues.ReadBytes(ref reader, DatadogLimits.MaxMetaStructValueBytes); break;
                case "Synthetics": row.Synthetics = MsgPackValues.ReadInt64(ref reader) != 0; break;
                case "TopLevelHits": row.TopLevelHits = MsgPackValues.ReadUInt64(ref reader); break;
                case "SpanKind": row.SpanKind = Text(ref reader); break;
                case "PeerTags": ReadStrings(ref reader, row.PeerTags); break;
                case "IsTraceRoot": row.IsTraceRoot = (int)MsgPackValues.ReadInt64(ref reader); break;
                case "GRPCStatusCode": row.GrpcStatusCode = Text(ref reader); break;
                case "HTTPMethod": row.HttpMethod = Text(ref reader); break;
                case "HTTPEndpoint": row.HttpEndpoint = Text(ref reader); break;
                case "srv_src": row.ServiceSource = Text(ref reader); break;
                case "AdditionalMetricTags": ReadStrings(ref reader, row.AdditionalMetricTags); break;
                default: MsgPackValues.Skip(ref reader); break;
            }
        }

        return row;
    }

    private static void ReadStrings(ref MessagePackReader reader, List<string> into)
    {
        var count = MsgPackValues.ReadArrayHeader(ref reader);
        for (var i = 0; i < count; i++)
        {
            into.Add(Text(ref reader));
        }
    }

    private static string Key(ref MessagePackReader reader) => MsgPackValues.ReadString(ref reader, Utf8StringCache.Names);

    private static string Text(ref MessagePackReader reader) => MsgPackValues.ReadString(ref reader, Utf8StringCache.Values);
}
