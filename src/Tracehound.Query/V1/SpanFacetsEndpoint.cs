using Microsoft.AspNetCore.Http;
using Tracehound.Model;
using Tracehound.Query.Http;
using Tracehound.Query.Jaeger;
using Tracehound.Query.Parsing;

namespace Tracehound.Query.V1;

/// <summary>
/// <c>GET /api/v1/spans/facets?query=&amp;from=&amp;to=</c>: for the spans matching a query, how many
/// have each value of service, operation_name, resource_name, status, http.status_code and env —
/// <c>{"facets":{"service":[{"value":"web","count":12},...],...},"matched":M,"scanned":N,"sampled":false}</c>,
/// the top values of each facet by count. At most <see cref="MaxScannedSpans"/> spans (the newest)
/// are looked at; <c>sampled</c> says the counts stopped there.
/// </summary>
internal static class SpanFacetsEndpoint
{
    public const int MaxScannedSpans = 100_000;

    private const int TopValues = 20;
    private const int PageSize = 5000;

    private static readonly (string Name, Func<Span, string?> Read)[] Facets =
    [
        ("service", SpanFields.Service),
        ("operation_name", SpanFields.Operation),
        ("resource_name", SpanFields.Resource),
        ("status", SpanFields.Status),
        ("http.status_code", span => SpanFields.FirstAttribute(span, "http.status_code") ?? SpanFields.FirstAttribute(span, "http.response.status_code")),
        ("env", span => SpanFields.Environment(span) is { Length: > 0 } env ? env : null),
    ];

    public static async Task GetAsync(HttpContext context)
    {
        if (await SpanSearchRequest.ReadOrRejectAsync(context, 1, 1).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        var counts = Facets.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal)).ToArray();
        long matched = 0;
        var result = await SpanScanner.ScanAsync(JaegerApiEndpoints.Store(context), request, MaxScannedSpans, PageSize, span =>
        {
            matched++;
            for (var i = 0; i < Facets.Length; i++)
            {
                if (Facets[i].Read(span) is { } value)
                {
                    counts[i][value] = counts[i].GetValueOrDefault(value) + 1;
                }
            }

            return true;
        }, context.RequestAborted).ConfigureAwait(false);

        await using var response = JsonResponse.Start(context, StatusCodes.Status200OK);
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteStartObject("facets");
        for (var i = 0; i < Facets.Length; i++)
        {
            writer.WriteStartArray(Facets[i].Name);
            foreach (var (value, count) in counts[i].OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(TopValues))
            {
                writer.WriteStartObject();
                writer.WriteString("value", value);
                writer.WriteNumber("count", count);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteNumber("matched", matched);
        writer.WriteNumber("scanned", result.Scanned);
        writer.WriteBoolean("sampled", result.Capped);
        writer.WriteEndObject();
    }
}
