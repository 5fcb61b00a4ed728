using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;
using Tracehound.EndToEnd.Tests.Infrastructure;

namespace Tracehound.EndToEnd.Tests.Logs;

/// <summary>
/// The real OpenTelemetry .NET SDK log exporter (Microsoft.Extensions.Logging → OTLP) sends to a real
/// Tracehound over gRPC and HTTP/protobuf; records written inside an Activity come back beside their
/// trace, with severity, body, attributes and the resource, right after the SDK's flush returns.
/// </summary>
public sealed class OtelSdkLogsExportTests
{
    [Theory]
    [InlineData(OtlpExportProtocol.Grpc)]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    public async Task OtelDotnetLogExporter_LogsInsideAnActivity_ComeBackWithTheirTrace(OtlpExportProtocol protocol)
    {
        using var data = new TempDirectory();
        await using var server = await TracehoundProcess.StartAsync(data.Path);
        var service = $"e2e-sdk-logs-{protocol}".ToLowerInvariant();
        var endpoint = protocol == OtlpExportProtocol.Grpc ? server.OtlpGrpc : new Uri(server.OtlpHttp, "/v1/logs");

        using var loggerFactory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Debug)
            .AddOpenTelemetry(o =>
            {
                o.SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService(service, serviceVersion: "4.5.6"));
                o.IncludeFormattedMessage = true;
                o.AddOtlpExporter(e =>
                {
                    e.Protocol = protocol;
                    e.Endpoint = endpoint;
                    e.TimeoutMilliseconds = 10_000;
                });
            }));

        ActivityTraceId traceId;
        ActivitySpanId spanId;
        var logger = loggerFactory.CreateLogger("Checkout");
        using (var activity = new Activity("checkout").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            traceId = activity.TraceId;
            spanId = activity.SpanId;
            logger.LogInformation("Order {OrderId} placed for {Amount}", 1234, 99.5);
            logger.LogError("Payment for order {OrderId} declined", 1234);
        }

        logger.LogWarning("outside of any span");

        // Disposing the factory flushes and shuts the SDK's batch processor down (export returns only once durable).
        loggerFactory.Dispose();

        using var api = new ApiClient(server.Api);
        var (status, body) = await api.GetAsync($"/api/v1/traces/{traceId.ToHexString()}/logs");
        Assert.Equal(HttpStatusCode.OK, status);
        var records = body.GetProperty("logs").EnumerateArray().ToList();
        Assert.Equal(["Order 1234 placed for 99.5", "Payment for order 1234 declined"], records.Select(r => r.GetProperty("body").GetString()));
        Assert.All(records, r =>
        {
            Assert.Equal(traceId.ToHexString(), r.GetProperty("traceId").GetString());
            Assert.Equal(spanId.ToHexString(), r.GetProperty("spanId").GetString());
            Assert.Equal(service, r.GetProperty("service").GetString());
            Assert.Equal("4.5.6", r.GetProperty("resource").GetProperty("service.version").GetString());
        });
        Assert.Equal(["info", "error"], records.Select(r => r.GetProperty("severity").GetString()));
        Assert.Equal(1234, records[0].GetProperty("attributes").GetProperty("OrderId").GetInt64());
        Assert.Equal(99.5, records[0].GetProperty("attributes").GetProperty("Amount").GetDouble());

        var (_, search) = await api.GetAsync("/api/v1/logs?query=" + Uri.EscapeDataString($"service:{service} \"outside of any span\""));
        var outside = Assert.Single(search.GetProperty("logs").EnumerateArray());
        Assert.Equal("warn", outside.GetProperty("severity").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, outside.GetProperty("traceId").ValueKind);
    }
}
