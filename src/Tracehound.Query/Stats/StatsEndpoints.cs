using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tracehound.Processing.Stats;
using Tracehound.Query.Http;
using Tracehound.Query.Parsing;

namespace Tracehound.Query.Stats;

/// <summary>
/// <c>GET /api/v1/services</c>, <c>/api/v1/services/{service}/resources</c> and <c>/api/v1/stats</c>: service
/// metrics from the APM stats over any range (times unix ms, durations ns). Service and resource figures are those
/// of top-level spans (rows with top-level hits), as Datadog's service pages show.
/// </summary>
internal static class StatsEndpoints
{
    private const long Millisecond = 1_000_000;
    private const long DefaultRangeMillis = 3_600_000;
    private const int DefaultPoints = 60;

    public static async Task GetServicesAsync(HttpContext context)
    {
        if (await ServiceAsync(context).ConfigureAwait(false) is not { } stats)
        {
            return;
        }

        if (!TryRange(context, out var from, out var to, out var error))
        {
            await WriteErrorAsync(context, error).ConfigureAwait(false);
            return;
        }

        var figures = await stats.AggregateAsync(from, to, to - from, null, null,
            static (in StatsKey key, double topLevelHits, out string group) =>
            {
                group = key.Service;
                return topLevelHits > 0;
            }, context.RequestAborted).ConfigureAwait(false);

        await using var response = JsonResponse.Start(context, StatusCodes.Status200OK);
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteStartArray("services");
        foreach (var (key, accumulator) in figures.OrderBy(f => f.Key.Group, StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("service", key.Group);
            WriteFigures(writer, accumulator);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static async Task GetResourcesAsync(HttpContext context)
    {
        var service = context.Request.RouteValues["service"] as string ?? string.Empty;
        if (await ServiceAsync(context).ConfigureAwait(false) is not { } stats)
        {
            return;
        }

        if (!TryRange(context, out var from, out var to, out var error))
        {
            await WriteErrorAsync(context, error).ConfigureAwait(false);
            return;
        }

        var figures = await stats.AggregateAsync(from, to, to - from, Uri.UnescapeDataString(service), null,
            static (in StatsKey key, double topLevelHits, out (string Resource, string Operation) group) =>
            {
                group = (key.Resource, key.Name);
                return topLevelHits > 0;
            }, context.RequestAborted).ConfigureAwait(false);

        await using var response = JsonResponse.Start(context, StatusCodes.Status200OK);
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteStartArray("resources");
        foreach (var (key, accumulator) in figures.OrderByDescending(f => f.Value.Hits).ThenBy(f => f.Key.Group.Resource, StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("resource", key.Group.Resource);
            writer.WriteString("operation", key.Group.Operation);
            WriteFigures(writer, accumulator);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static async Task GetSeriesAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var service = query["service"].FirstOrDefault();
        var resource = query["resource"].FirstOrDefault();
        if (await ServiceAsync(context).ConfigureAwait(false) is not { } stats)
        {
            return;
        }

        long step = 0;
        if (!TryRange(context, out var from, out var to, out var error)
            || !TryStep(query["step"].FirstOrDefault(), from, to, out step, out error))
        {
            await WriteErrorAsync(context, error).ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrEmpty(service))
        {
            await WriteErrorAsync(context, "service is required").ConfigureAwait(false);
            return;
        }

        // Points start at multiples of the step (as Grafana and Jaeger's Monitor tab align them), so a step that is
        // a multiple of a rollup reads the rollup rows: a day in 5-minute points read 8,640 rows per key otherwise.
        from = StatsResolution.FloorTo(from, step);

        var figures = await stats.AggregateAsync(from, to, step, service, string.IsNullOrEmpty(resource) ? null : resource,
            static (in StatsKey key, double topLevelHits, out bool group) =>
            {
                group = true;
                return topLevelHits > 0;
            }, context.RequestAborted).ConfigureAwait(false);

        var empty = new StatsAccumulator();
        await using var response = JsonResponse.Start(context, StatusCodes.Status200OK);
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteNumber("step", step / Millisecond);
        writer.WriteStartArray("points");
        var points = (int)((to - from + step - 1) / step);
        for (var i = 0; i < points; i++)
        {
            writer.WriteStartObject();
            writer.WriteNumber("time", (from + (i * step)) / Millisecond);
            WriteFigures(writer, figures.GetValueOrDefault((i, true)) ?? empty);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    internal static void WriteFigures(Utf8JsonWriter writer, StatsAccumulator figures)
    {
        writer.WriteNumber("hits", (long)Math.Round(figures.Hits));
        writer.WriteNumber("errors", (long)Math.Round(figures.Errors));
        writer.WriteNumber("errorRate", figures.ErrorRate);
        writer.WriteNumber("p50", (long)Math.Round(figures.Quantile(0.50)));
        writer.WriteNumber("p75", (long)Math.Round(figures.Quantile(0.75)));
        writer.WriteNumber("p90", (long)Math.Round(figures.Quantile(0.90)));
        writer.WriteNumber("p95", (long)Math.Round(figures.Quantile(0.95)));
        writer.WriteNumber("p99", (long)Math.Round(figures.Quantile(0.99)));
        writer.WriteNumber("max", (long)Math.Round(figures.Max));
    }

    internal static async Task<StatsQueryService?> ServiceAsync(HttpContext context)
    {
        var stats = context.RequestServices.GetService<StatsQueryService>();
        if (stats is null)
        {
            await using var response = JsonResponse.Start(context, StatusCodes.Status501NotImplemented);
            response.Writer.WriteStartObject();
            response.Writer.WriteString("error", "APM stats are not enabled on this server");
            response.Writer.WriteEndObject();
        }

        return stats;
    }

    /// <summary>[from, to) in ns, widened to whole 10 s buckets; defaults: the last hour.</summary>
    private static bool TryRange(HttpContext context, out long from, out long to, out string error)
    {
        from = to = 0;
        error = string.Empty;
        var query = context.Request.Query;
        var now = context.RequestServices.GetService<TimeProvider>()?.GetUtcNow() ?? DateTimeOffset.UtcNow;
        try
        {
            var toMillis = Millis(query["to"].FirstOrDefault(), "to") ?? now.ToUnixTimeMilliseconds();
            var fromMillis = Millis(query["from"].FirstOrDefault(), "from") ?? toMillis - DefaultRangeMillis;
            if (fromMillis >= toMillis)
            {
                error = "from must be before to";
                return false;
            }

            from = StatsResolution.FloorTo(fromMillis * Millisecond, StatsResolution.Base);
            to = StatsResolution.CeilTo((toMillis * Millisecond) + 1, StatsResolution.Base);
            return true;
        }
        catch (QueryParameterException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    private static bool TryStep(string? text, long from, long to, out long step, out string error)
    {
        error = string.Empty;
        long millis;
        if (string.IsNullOrEmpty(text))
        {
            millis = (to - from) / Millisecond / DefaultPoints;
        }
        else if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out millis) || millis <= 0 || millis > long.MaxValue / Millisecond)
        {
            step = 0;
            error = $"step '{text}' is not a positive number of milliseconds";
            return false;
        }

        // Whole 10 s buckets per point.
        step = StatsResolution.CeilTo(Math.Max(millis, 1) * Millisecond, StatsResolution.Base);
        if ((to - from) / step >= StatsQueryService.MaxPoints)
        {
            error = $"step {millis} ms gives more than {StatsQueryService.MaxPoints} points for this range";
            return false;
        }

        return true;
    }

    private static long? Millis(string? text, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var millis) && millis < long.MaxValue / Millisecond / 2
            ? millis
            : throw new QueryParameterException($"{name} '{text}' is not unix milliseconds");
    }

    private static async Task WriteErrorAsync(HttpContext context, string message)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        await using var response = JsonResponse.Start(context, StatusCodes.Status400BadRequest);
        response.Writer.WriteStartObject();
        response.Writer.WriteString("error", message);
        response.Writer.WriteEndObject();
    }
}
