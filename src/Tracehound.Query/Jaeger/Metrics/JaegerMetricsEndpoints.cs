using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tracehound.Processing.Stats;
using Tracehound.Query.Http;
using Tracehound.Query.Parsing;
using Tracehound.Query.Stats;

namespace Tracehound.Query.Jaeger.Metrics;

/// <summary>
/// Jaeger's Service Performance Monitoring API (the UI's Monitor tab), answered from the APM stats:
/// <c>/api/metrics/calls</c>, <c>/errors</c>, <c>/latencies</c> return a MetricFamily (api_v2/metrics
/// openmetrics.proto, protobuf JSON: <c>{"name","type":"GAUGE","help","metrics":[{"labels":[{"name","value"}],
/// "metricPoints":[{"gaugeValue":{"doubleValue"},"timestamp":"RFC 3339"}]}]}</c>) with points every <c>step</c>
/// from <c>endTs − lookback</c> to <c>endTs</c>, each computed over the <c>ratePer</c> window that ends in it, like
/// Prometheus' <c>rate(...[ratePer])</c>: calls per second, errors / calls, and the quantile of the merged latency
/// sketches in milliseconds. <c>/api/metrics/minstep</c> is the bucket size, 10000 ms, in Jaeger's envelope.
/// </summary>
internal static class JaegerMetricsEndpoints
{
    private const long Millisecond = 1_000_000;
    private const long Hour = 3_600_000_000_000;
    private const long FiveMinutes = 300_000_000_000;

    public static Task GetCallsAsync(HttpContext context) => GetAsync(context, JaegerMetricKind.Calls);

    public static Task GetErrorsAsync(HttpContext context) => GetAsync(context, JaegerMetricKind.Errors);

    public static Task GetLatenciesAsync(HttpContext context) => GetAsync(context, JaegerMetricKind.Latencies);

    public static async Task GetMinStepAsync(HttpContext context)
    {
        if (context.RequestServices.GetService<StatsQueryService>() is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status501NotImplemented, "metrics querying is currently disabled").ConfigureAwait(false);
            return;
        }

        await using var response = JsonResponse.Start(context, StatusCodes.Status200OK);
        JaegerEnvelope.WriteStart(response.Writer);
        response.Writer.WriteNumberValue(StatsConcentrator.BucketNanos / Millisecond);
        JaegerEnvelope.WriteEnd(response.Writer, 0, null);
    }

    private static async Task GetAsync(HttpContext context, JaegerMetricKind kind)
    {
        var stats = context.RequestServices.GetService<StatsQueryService>();
        if (stats is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status501NotImplemented, "metrics querying is currently disabled").ConfigureAwait(false);
            return;
        }

        JaegerMetricsRequest request;
        try
        {
            var now = context.RequestServices.GetService<TimeProvider>()?.GetUtcNow() ?? DateTimeOffset.UtcNow;
            request = JaegerMetricsRequest.Parse(context.Request.Query, now, kind == JaegerMetricKind.Latencies);
        }
        catch (QueryParameterException ex)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, ex.Message).ConfigureAwait(false);
            return;
        }

        var end = request.EndMillis * Millisecond;
        var step = request.StepMillis * Millisecond;
        var ratePer = request.RatePerMillis * Millisecond;
        var start = end - (request.LookbackMillis * Millisecond);
        var pointCount = ((end - start) / step) + 1;
        if (pointCount > StatsQueryService.MaxPoints)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest,
                $"exceeded maximum resolution of {StatsQueryService.MaxPoints} points per timeseries; try decreasing the lookback or increasing the step").ConfigureAwait(false);
            return;
        }

        // Sub-buckets as coarse as step and window allow, so long ranges read rollups rather than 10 s rows.
        var grain = step % Hour == 0 && ratePer % Hour == 0 ? Hour
            : step % FiveMinutes == 0 && ratePer % FiveMinutes == 0 ? FiveMinutes
            : StatsConcentrator.BucketNanos;
        var windowBuckets = (int)Math.Max(1, StatsResolution.CeilTo(ratePer, grain) / grain);
        var from = StatsResolution.FloorTo(start, grain) - ((windowBuckets - 1) * grain);
        var to = StatsResolution.FloorTo(end, grain) + grain;
        var services = request.Services.ToHashSet(StringComparer.Ordinal);
        var kinds = request.SpanKinds;
        var byOperation = request.GroupByOperation;
        var figures = await stats.AggregateAsync(from, to, grain, services.Count == 1 ? request.Services[0] : null, null,
            (in StatsKey key, double topLevelHits, out (string Service, string Operation) group) =>
            {
                group = (key.Service, byOperation ? Operation(key) : string.Empty);
                return services.Contains(key.Service) && kinds.Contains(key.SpanKind);
            }, context.RequestAborted).ConfigureAwait(false);

        var series = figures.GroupBy(f => f.Key.Group).OrderBy(g => g.Key.Service, StringComparer.Ordinal).ThenBy(g => g.Key.Operation, StringComparer.Ordinal);
        await using var response = JsonResponse.Start(context, StatusCodes.Status200OK);
        var writer = response.Writer;
        writer.WriteStartObject();
        var prefix = byOperation ? "service_operation_" : "service_";
        var grouping = byOperation ? "grouped by service & operation" : "grouped by service";
        switch (kind)
        {
            case JaegerMetricKind.Calls:
                writer.WriteString("name", prefix + "call_rate");
                writer.WriteString("type", "GAUGE");
                writer.WriteString("help", "calls/sec, " + grouping);
                break;
            case JaegerMetricKind.Errors:
                writer.WriteString("name", prefix + "error_rate");
                writer.WriteString("type", "GAUGE");
                writer.WriteString("help", "error rate, computed as a fraction of errors/sec over calls/sec, " + grouping);
                break;
            default:
                writer.WriteString("name", prefix + "latencies");
                writer.WriteString("type", "GAUGE");
                writer.WriteString("help", string.Create(CultureInfo.InvariantCulture, $"{request.Quantile:0.00}th quantile latency, {grouping}"));
                break;
        }

        writer.WriteStartArray("metrics");
        foreach (var group in series)
        {
            var buckets = group.ToDictionary(g => g.Key.Point, g => g.Value);
            writer.WriteStartObject();
            writer.WriteStartArray("labels");
            if (byOperation)
            {
                WriteLabel(writer, "operation", group.Key.Operation);
            }

            WriteLabel(writer, "service_name", group.Key.Service);
            writer.WriteEndArray();
            writer.WriteStartArray("metricPoints");
            for (var t = start; t <= end; t += step)
            {
                var last = (int)((StatsResolution.FloorTo(t, grain) - from) / grain);
                var window = new StatsAccumulator();
                for (var b = last - windowBuckets + 1; b <= last; b++)
                {
                    if (buckets.TryGetValue(b, out var bucket))
                    {
                        window.Add(bucket);
                    }
                }

                double value;
                switch (kind)
                {
                    case JaegerMetricKind.Calls:
                        value = window.Hits / (ratePer / 1e9);
                        break;
                    case JaegerMetricKind.Errors when window.Hits > 0:
                        value = window.ErrorRate;
                        break;
                    case JaegerMetricKind.Latencies when window.Hits > 0:
                        value = window.Quantile(request.Quantile) / 1e6;
                        break;
                    default:
                        continue; // no calls in the window: no value, as Prometheus gives none
                }

                writer.WriteStartObject();
                writer.WriteStartObject("gaugeValue");
                writer.WriteNumber("doubleValue", value);
                writer.WriteEndObject();
                writer.WriteString("timestamp", Timestamp(t));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The Jaeger operation of a row: the span's name, or for client stats (which have none) the name the Datadog receiver gives such spans.</summary>
    private static string Operation(in StatsKey key)
    {
        if (key.SpanName.Length > 0)
        {
            return key.SpanName;
        }

        return (key.Type == "web" || key.SpanKind == "server") && key.Resource.Length > 0 ? key.Resource : key.Name;
    }

    private static void WriteLabel(Utf8JsonWriter writer, string name, string value)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteString("value", value);
        writer.WriteEndObject();
    }

    /// <summary>google.protobuf.Timestamp's JSON form: RFC 3339 in UTC, fractional seconds only when not whole.</summary>
    private static string Timestamp(long unixNano)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(unixNano / Millisecond).UtcDateTime;
        return time.Millisecond == 0
            ? time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        await using var response = JsonResponse.Start(context, status);
        JaegerEnvelope.WriteError(response.Writer, status, message);
    }
}
