using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tracehound.Model;
using Tracehound.Storage;

namespace Tracehound.Query.Logs;

/// <summary>Log records per span of a trace, for the trace views; null when the API has no log store.</summary>
internal static class SpanLogCounts
{
    public static async Task<IReadOnlyDictionary<SpanId, int>?> ForTraceAsync(HttpContext context, TraceId traceId)
    {
        var store = context.RequestServices.GetService<ILogStore>();
        return store is null ? null : await store.CountLogsBySpanAsync(TraceLookup.Full(traceId), context.RequestAborted).ConfigureAwait(false);
    }
}
