using System.Diagnostics;
using System.Net;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Tracehound.EndToEnd.Tests.Infrastructure;

namespace Tracehound.EndToEnd.Tests.Stats;

/// <summary>
/// APM stats from real OTLP traffic: 1,000 server spans (durations 1..1000 ms, every 10th an error) exported by the
/// OpenTelemetry .NET SDK to a server sampling 10 %; the service metrics report all of them at once (stats are
/// computed before sampling, and unflushed buckets are included), while the store keeps only the traces the
/// agent's hash keeps, plus error traces the errors sampler keeps.
/// </summary>
public sealed class ServiceStatsEndToEndTests
{
    [Fact]
    public async Task ServerSpans_SampledAt10Percent_StatsCountEverySpanWhileATenthIsStored()
    {
        using var data = new TempDirectory();
        await using var server = await TracehoundProcess.StartAsync(data.Path, "--sampling-percentage", "10");
        const string Service = "e2e-stats";
        const string Source = "e2e.stats";
        var now = DateTimeOffset.UtcNow;
        var hashKept = new HashSet<string>(StringComparer.Ordinal);
        var errorTraces = new HashSet<string>(StringComparer.Ordinal);
        using (var provider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService(Service))
            .AddSource(Source)
            .SetSampler(new AlwaysOnSampler())
            .AddOtlpExporter(o =>
            {
                o.Protocol = OtlpExportProtocol.Grpc;
                o.Endpoint = server.OtlpGrpc;
                o.TimeoutMilliseconds = 10_000;
                o.ExportProcessorType = ExportProcessorType.Batch;
                o.BatchExportProcessorOptions.MaxQueueSize = 4096;
            })
            .Build())
        using (var source = new ActivitySource(Source))
        {
            for (var i = 1; i <= 1000; i++)
            {
                var end = now.AddMilliseconds(-i);
                var activity = source.StartActivity("GET /orders", ActivityKind.Server, parentContext: default,
                    tags: new Dictionary<string, object?> { ["http.request.method"] = "GET", ["http.route"] = "/orders" },
                    startTime: end.AddMilliseconds(-i))!;
                var traceId = activity.TraceId.ToHexString();
                if (i % 10 == 0)
                {
                    activity.SetStatus(ActivityStatusCode.Error, "boom");
                    errorTraces.Add(traceId);
                }

                if (AgentSamplingHash.Keeps(Convert.FromHexString(traceId), 10))
                {
                    hashKept.Add(traceId);
                }

                activity.SetEndTime(end.UtcDateTime);
                activity.Stop();
            }

            Assert.True(provider.ForceFlush(30_000));
        }

        using var api = new ApiClient(server.Api);
        var from = now.AddMinutes(-10).ToUnixTimeMilliseconds();
        var to = now.AddMinutes(1).ToUnixTimeMilliseconds();
        var (status, body) = await api.GetAsync($"/api/v1/services?from={from}&to={to}");

        Assert.Equal(HttpStatusCode.OK, status);
        var service = Assert.Single(body.GetProperty("services").EnumerateArray(), s => s.GetProperty("service").GetString() == Service);
        Assert.Equal(1000, service.GetProperty("hits").GetInt64());
        Assert.Equal(100, service.GetProperty("errors").GetInt64());
        Assert.Equal(0.1, service.GetProperty("errorRate").GetDouble(), 9);

        // Exact lower quantiles of 1..1000 ms are 500, 950 and 990 ms; the sketch is within 1 % (+0.2 % rounding).
        const double Ms = 1_000_000;
        Assert.Equal(500 * Ms, service.GetProperty("p50").GetInt64(), 0.012 * 500 * Ms);
        Assert.Equal(950 * Ms, service.GetProperty("p95").GetInt64(), 0.012 * 950 * Ms);
        Assert.Equal(990 * Ms, service.GetProperty("p99").GetInt64(), 0.012 * 990 * Ms);
        Assert.Equal(1000 * Ms, service.GetProperty("max").GetInt64(), 0.002 * 1000 * Ms);

        var (resourcesStatus, resources) = await api.GetAsync($"/api/v1/services/{Service}/resources?from={from}&to={to}");
        Assert.Equal(HttpStatusCode.OK, resourcesStatus);
        var resource = Assert.Single(resources.GetProperty("resources").EnumerateArray());
        Assert.Equal("GET /orders", resource.GetProperty("resource").GetString());
        Assert.Equal(1000, resource.GetProperty("hits").GetInt64());

        // Sampling after stats: exactly the hash-kept traces are stored, plus (only) error traces.
        var (tracesStatus, traces) = await api.GetAsync($"/api/traces?service={Service}&limit=1500&lookback=1h");
        Assert.Equal(HttpStatusCode.OK, tracesStatus);
        var stored = traces.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("traceID").GetString()!).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(stored, hashKept);
        Assert.Subset(errorTraces, stored.Except(hashKept).ToHashSet(StringComparer.Ordinal));
        Assert.InRange(hashKept.Count, 50, 160);
        Assert.InRange(stored.Count, hashKept.Count, hashKept.Count + 100);
    }
}
