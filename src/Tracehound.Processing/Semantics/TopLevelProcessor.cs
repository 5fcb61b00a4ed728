using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Processing.Semantics;

/// <summary>
/// Marks Datadog top-level spans (spec §6): the root, a span whose parent is not in its chunk, or
/// whose parent has another service — unless the tracer computed it
/// (<c>Datadog-Client-Computed-Top-Level</c>), in which case its <c>_dd.top_level</c> metric is
/// trusted. Also sets <see cref="DatadogSpanInfo.Measured"/> from <c>_dd.measured</c>. Runs after
/// normalization, so services are compared in their final form.
/// </summary>
public sealed class TopLevelProcessor : ISpanProcessor
{
    [ThreadStatic]
    private static Dictionary<(object Chunk, ulong TraceId, ulong SpanId), string>? t_services;

    public void Process(SpanBatch batch)
    {
        var services = t_services ??= [];
        services.Clear();
        foreach (var span in batch.Spans)
        {
            if (span.Datadog is { } info)
            {
                services.TryAdd((info.Chunk, span.TraceId.Low, span.SpanId.Value), info.Service);
            }
        }

        foreach (var span in batch.Spans)
        {
            if (span.Datadog is not { } info)
            {
                continue;
            }

            info.Measured = DatadogTags.TryGetMetric(span, info, "_dd.measured", out var measured) && measured == 1;
            if (info.Payload.ClientComputedTopLevel)
            {
                info.TopLevel = DatadogTags.TryGetMetric(span, info, "_dd.top_level", out var topLevel) && topLevel == 1;
                continue;
            }

            info.TopLevel = span.ParentSpanId.IsEmpty
                || !services.TryGetValue((info.Chunk, span.TraceId.Low, span.ParentSpanId.Value), out var parentService)
                || !string.Equals(parentService, info.Service, StringComparison.Ordinal);
        }

        // Do not keep a large batch's strings alive on this thread.
        if (services.Count > 4096)
        {
            t_services = null;
        }
        else
        {
            services.Clear();
        }
    }
}
