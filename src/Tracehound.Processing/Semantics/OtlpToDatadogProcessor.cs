using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Processing.Semantics;

/// <summary>
/// Gives every span that has no Datadog view yet (OTLP, Zipkin, Jaeger) the one the Datadog agent
/// would compute (spec §3): fields, meta, metrics, errors, and per chunk (resource × low-64 trace
/// id) the OTLP sampling fields of §3.9. Spans from Datadog tracers are left as they came.
/// </summary>
public sealed class OtlpToDatadogProcessor : ISpanProcessor
{
    /// <summary>Agent priority "auto keep": the OTLP sampling rate is 100 %, so every chunk is kept.</summary>
    private const int AutoKeep = 1;

    private static readonly KeyValue[] s_chunkTags = [KeyValue.String("_dd.otlp_sr", "1.00")];

    private readonly DatadogSemanticsOptions _options;

    public OtlpToDatadogProcessor(DatadogSemanticsOptions options)
    {
        _options = options;
    }

    public void Process(SpanBatch batch)
    {
        Resource? lastResource = null;
        DatadogPayloadInfo? lastPayload = null;
        Dictionary<Resource, DatadogPayloadInfo>? payloads = null;
        Dictionary<(Resource, ulong), ChunkState>? chunks = null;
        foreach (var span in batch.Spans)
        {
            if (span.Datadog is not null)
            {
                continue;
            }

            // Spans of one resource are adjacent in a request: one lookup per resource run.
            if (!ReferenceEquals(span.Resource, lastResource))
            {
                payloads ??= new Dictionary<Resource, DatadogPayloadInfo>(ReferenceEqualityComparer.Instance);
                if (!payloads.TryGetValue(span.Resource, out lastPayload))
                {
                    lastPayload = OtlpPayloadFields.Create(span.Resource, _options.DefaultHostname);
                    payloads.Add(span.Resource, lastPayload);
                }

                lastResource = span.Resource;
            }

            chunks ??= [];
            if (!chunks.TryGetValue((span.Resource, span.TraceId.Low), out var chunk))
            {
                chunk = new ChunkState(new DatadogChunkInfo { Tags = s_chunkTags }, span);
                chunks.Add((span.Resource, span.TraceId.Low), chunk);
            }

            var info = OtlpToDatadogMapper.Map(span, _options, lastPayload!, chunk.Info);
            span.Datadog = info;
            if (chunk.Info.Priority == DatadogChunkInfo.PriorityNone)
            {
                foreach (var kv in info.Metrics!)
                {
                    if (kv.Key == "_sampling_priority_v1")
                    {
                        chunk.Info.Priority = (int)kv.Value.AsDouble();
                        break;
                    }
                }
            }
        }

        if (chunks is null)
        {
            return;
        }

        foreach (var chunk in chunks.Values)
        {
            // A priority a span carried is a manual decision (-4); otherwise the rate sampler kept it (-9).
            var decision = chunk.Info.Priority == DatadogChunkInfo.PriorityNone ? "-9" : "-4";
            if (chunk.Info.Priority == DatadogChunkInfo.PriorityNone)
            {
                chunk.Info.Priority = AutoKeep;
            }

            var first = chunk.FirstSpan.Datadog!;
            first.Meta = [.. first.Meta!, KeyValue.String("_dd.p.dm", decision)];
        }
    }

    private sealed record ChunkState(DatadogChunkInfo Info, Span FirstSpan);
}
