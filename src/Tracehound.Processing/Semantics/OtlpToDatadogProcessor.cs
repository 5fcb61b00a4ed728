using Tracehound.Model;
using Tracehound.Pipeline;
using Tracehound.Processing.Normalization;

namespace Tracehound.Processing.Semantics;

/// <summary>
/// Gives every span that has no Datadog view yet (OTLP, Zipkin, Jaeger) the one the Datadog agent
/// would compute (spec §3): fields, meta, metrics, errors, and per chunk (resource × low-64 trace
/// id) the OTLP sampling fields of §3.9. Spans from Datadog tracers are left as they came.
/// </summary>
/// <remarks>
/// Two forms. The full view (the query side, <see cref="OtlpToDatadogProcessor(DatadogSemanticsOptions)"/>)
/// has meta and metrics, a copy of every attribute (~1.9 KB per span). The ingest form
/// (<see cref="ForIngest"/>) computes only the span fields, error, measured and the chunk priority,
/// leaves meta and metrics null (stats and samplers read single tags through
/// <see cref="DatadogTags"/>), and normalizes the views it made, so it can run after the
/// normalization of tracer-sent views and after obfuscation: it derives from the attributes as
/// they will be stored, exactly as the query side does later.
/// </remarks>
public sealed class OtlpToDatadogProcessor : ISpanProcessor
{
    /// <summary>Agent priority "auto keep": the OTLP sampling rate is 100 %, so every chunk is kept.</summary>
    private const int AutoKeep = 1;

    private static readonly KeyValue[] s_chunkTags = [KeyValue.String("_dd.otlp_sr", "1.00")];

    /// <summary>Per-batch scratch maps, reused on the thread (cleared, not reallocated) like <see cref="TopLevelProcessor"/>'s.</summary>
    [ThreadStatic]
    private static Dictionary<Resource, DatadogPayloadInfo>? t_payloads;

    [ThreadStatic]
    private static Dictionary<(Resource Resource, ulong TraceIdLow), (DatadogChunkInfo Info, Span FirstSpan)>? t_chunks;

    private readonly DatadogSemanticsOptions _options;

    /// <summary>Set for the ingest form: normalizes the lean views this processor made.</summary>
    private readonly DatadogNormalizationProcessor? _normalization;

    /// <summary>The full view, meta and metrics included (the query side).</summary>
    public OtlpToDatadogProcessor(DatadogSemanticsOptions options)
        : this(options, normalization: null)
    {
    }

    private OtlpToDatadogProcessor(DatadogSemanticsOptions options, DatadogNormalizationProcessor? normalization)
    {
        _options = options;
        _normalization = normalization;
    }

    /// <summary>True when views are the lean ingest form (meta and metrics null).</summary>
    public bool Lean => _normalization is not null;

    /// <summary>The lean, normalized view for the ingest pipeline (see the remarks).</summary>
    public static OtlpToDatadogProcessor ForIngest(DatadogSemanticsOptions options, TimeProvider? time = null) =>
        new(options, new DatadogNormalizationProcessor(time ?? TimeProvider.System));

    public void Process(SpanBatch batch)
    {
        var payloads = t_payloads ??= new Dictionary<Resource, DatadogPayloadInfo>(ReferenceEqualityComparer.Instance);
        var chunks = t_chunks ??= [];
        try
        {
            Derive(batch, payloads, chunks);
        }
        finally
        {
            // Do not keep a large batch's spans alive on this thread.
            if (chunks.Count > 4096 || payloads.Count > 4096)
            {
                (t_payloads, t_chunks) = (null, null);
            }
            else
            {
                payloads.Clear();
                chunks.Clear();
            }
        }
    }

    private void Derive(SpanBatch batch, Dictionary<Resource, DatadogPayloadInfo> payloads, Dictionary<(Resource, ulong), (DatadogChunkInfo Info, Span FirstSpan)> chunks)
    {
        Resource? lastResource = null;
        DatadogPayloadInfo? lastPayload = null;
        var derived = 0;
        foreach (var span in batch.Spans)
        {
            if (span.Datadog is not null)
            {
                continue;
            }

            // Spans of one resource are adjacent in a request: one lookup per resource run.
            if (!ReferenceEquals(span.Resource, lastResource))
            {
                if (!payloads.TryGetValue(span.Resource, out lastPayload))
                {
                    lastPayload = OtlpPayloadFields.Create(span.Resource, _options.DefaultHostname);
                    payloads.Add(span.Resource, lastPayload);
                }

                lastResource = span.Resource;
            }

            if (!chunks.TryGetValue((span.Resource, span.TraceId.Low), out var chunk))
            {
                chunk = (new DatadogChunkInfo { Tags = s_chunkTags }, span);
                chunks.Add((span.Resource, span.TraceId.Low), chunk);
            }

            var info = Lean
                ? OtlpToDatadogMapper.MapCore(span, _options, lastPayload!, chunk.Info)
                : OtlpToDatadogMapper.Map(span, _options, lastPayload!, chunk.Info);
            span.Datadog = info;
            derived++;
            if (chunk.Info.Priority == DatadogChunkInfo.PriorityNone && DatadogTags.TryGetMetric(span, info, "_sampling_priority_v1", out var priority))
            {
                chunk.Info.Priority = (int)priority;
            }
        }

        if (derived == 0)
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

            // The lean view has no meta to carry the decision maker; the full view, made on read, has it.
            if (chunk.FirstSpan.Datadog is { Meta: { } meta } first)
            {
                first.Meta = [.. meta, KeyValue.String("_dd.p.dm", decision)];
            }
        }

        _normalization?.Process(derived == batch.Count ? batch : new SpanBatch(batch.Spans.FindAll(s => s.Datadog is { Derived: true })));
    }
}
