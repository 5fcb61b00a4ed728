using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Logs;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Tracehound.Logging.Tests;

public sealed class CorrelationTests
{
    private static string LowDecimal(ActivityTraceId traceId) =>
        ulong.Parse(traceId.ToHexString()[16..], NumberStyles.HexNumber, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    private static string Decimal(ActivitySpanId spanId) =>
        ulong.Parse(spanId.ToHexString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    private static void MapHello(WebApplication app) =>
        app.MapGet("/hello", (ILogger<CorrelationTests> logger) =>
        {
            var activity = Activity.Current!;
            logger.LogInformation("handling {Path}", "/hello");
            return activity.TraceId.ToHexString() + " " + activity.SpanId.ToHexString();
        });

    private static (ActivityTraceId, ActivitySpanId) Ids(string response)
    {
        var parts = response.Split(' ');
        return (ActivityTraceId.CreateFromString(parts[0]), ActivitySpanId.CreateFromString(parts[1]));
    }

    [Fact]
    public async Task AddTracehoundCorrelation_AspNetCoreRequest_EveryRecordCarriesBothIdForms()
    {
        var capture = new CapturingLoggerProvider();
        await using var app = await RequestApp.StartAsync(
            b =>
            {
                b.Logging.AddProvider(capture);
                b.Logging.AddTracehoundCorrelation(o =>
                {
                    o.Service = "shop";
                    o.Env = "test";
                    o.Version = "1.2.3";
                });
            },
            MapHello);

        var (traceId, spanId) = Ids(await app.GetAsync("/hello"));

        var record = Assert.Single(capture.Records, r => r.Message == "handling /hello");
        Assert.Equal(LowDecimal(traceId), record.Scope["dd.trace_id"]);
        Assert.Equal(Decimal(spanId), record.Scope["dd.span_id"]);
        Assert.Equal("shop", record.Scope["dd.service"]);
        Assert.Equal("test", record.Scope["dd.env"]);
        Assert.Equal("1.2.3", record.Scope["dd.version"]);
        Assert.Equal(traceId.ToHexString(), record.Scope["trace_id"]);
        Assert.Equal(spanId.ToHexString(), record.Scope["span_id"]);
        // The app's own scopes still work (ASP.NET Core's request scope).
        Assert.Equal("/hello", record.Scope["RequestPath"]);
    }

    [Fact]
    public async Task AddTracehoundCorrelation_OutsideActivity_NoFields()
    {
        var capture = new CapturingLoggerProvider();
        await using var app = await RequestApp.StartAsync(b => b.Logging.AddProvider(capture).AddTracehoundCorrelation(), MapHello);
        var previous = Activity.Current;
        Activity.Current = null;
        try
        {
            app.Services.GetRequiredService<ILogger<CorrelationTests>>().LogInformation("startup");
        }
        finally
        {
            Activity.Current = previous;
        }

        var record = Assert.Single(capture.Records, r => r.Message == "startup");
        Assert.False(record.Scope.ContainsKey("dd.trace_id"));
        Assert.False(record.Scope.ContainsKey("trace_id"));
    }

    [Fact]
    public async Task AddTracehoundCorrelation_JsonConsoleFormatter_WritesFieldsInScopes()
    {
        await using var app = await RequestApp.StartAsync(
            b => b.Logging.AddJsonConsole(o => o.IncludeScopes = true).AddTracehoundCorrelation(o => o.Service = "shop"),
            a => a.MapGet("/json", (IEnumerable<ConsoleFormatter> formatters, IExternalScopeProvider scopes) =>
            {
                var json = formatters.Single(f => f.Name == ConsoleFormatterNames.Json);
                using var output = new StringWriter();
                json.Write(new LogEntry<string>(LogLevel.Information, "Shop", new EventId(1), "hello", null, (s, _) => s), scopes, output);
                return Results.Text(Activity.Current!.TraceId.ToHexString() + "\n" + output);
            }));

        var lines = (await app.GetAsync("/json")).Split('\n', 2);
        using var document = JsonDocument.Parse(lines[1]);
        var scope = document.RootElement.GetProperty("Scopes").EnumerateArray().First(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("trace_id", out _));
        Assert.Equal(lines[0], scope.GetProperty("trace_id").GetString());
        Assert.Equal(LowDecimal(ActivityTraceId.CreateFromString(lines[0])), scope.GetProperty("dd.trace_id").GetString());
        Assert.Equal("shop", scope.GetProperty("dd.service").GetString());
    }

    [Fact]
    public async Task AddTracehoundCorrelation_OpenTelemetryLogging_ScopesBecomeAttributes()
    {
        var exported = new ConcurrentQueue<Dictionary<string, object?>>();
        await using var app = await RequestApp.StartAsync(
            b => b.Logging
                .AddOpenTelemetry(o =>
                {
                    o.IncludeScopes = true;
                    o.AddProcessor(new ScopeCapturingProcessor(exported));
                })
                .AddTracehoundCorrelation(o => o.Service = "shop"),
            MapHello);

        var (traceId, spanId) = Ids(await app.GetAsync("/hello"));

        // The request's own log and ASP.NET Core's request logs all carry the request span.
        var matching = exported.Where(a => a.ContainsKey("dd.trace_id") && Equals(a["dd.span_id"], Decimal(spanId))).ToList();
        Assert.NotEmpty(matching);
        var attributes = matching[0];
        Assert.Equal(LowDecimal(traceId), attributes["dd.trace_id"]);
        Assert.Equal(traceId.ToHexString(), attributes["trace_id"]);
        Assert.Equal("shop", attributes["dd.service"]);
    }

    [Fact]
    public async Task SerilogEnricher_AspNetCoreRequest_EventCarriesBothIdForms()
    {
        var sink = new CollectingSink();
        using var serilog = new LoggerConfiguration()
            .Enrich.WithTracehoundCorrelation(o =>
            {
                o.Service = "shop";
                o.Env = "prod";
            })
            .WriteTo.Sink(sink)
            .CreateLogger();
        await using var app = await RequestApp.StartAsync(
            _ => { },
            a => a.MapGet("/serilog", () =>
            {
                serilog.Information("handled {Path}", "/serilog");
                return Activity.Current!.TraceId.ToHexString() + " " + Activity.Current.SpanId.ToHexString();
            }));

        var (traceId, spanId) = Ids(await app.GetAsync("/serilog"));

        var logEvent = Assert.Single(sink.Events);
        Assert.Equal(LowDecimal(traceId), ((ScalarValue)logEvent.Properties["dd.trace_id"]).Value);
        Assert.Equal(Decimal(spanId), ((ScalarValue)logEvent.Properties["dd.span_id"]).Value);
        Assert.Equal(traceId.ToHexString(), ((ScalarValue)logEvent.Properties["trace_id"]).Value);
        Assert.Equal(spanId.ToHexString(), ((ScalarValue)logEvent.Properties["span_id"]).Value);
        Assert.Equal("shop", ((ScalarValue)logEvent.Properties["dd.service"]).Value);
        Assert.Equal("prod", ((ScalarValue)logEvent.Properties["dd.env"]).Value);
    }

    [Fact]
    public void SerilogEnricher_OutsideActivity_NoProperties()
    {
        var sink = new CollectingSink();
        using var serilog = new LoggerConfiguration().Enrich.WithTracehoundCorrelation().WriteTo.Sink(sink).CreateLogger();
        var previous = Activity.Current;
        Activity.Current = null;
        try
        {
            serilog.Information("no trace");
        }
        finally
        {
            Activity.Current = previous;
        }

        Assert.DoesNotContain("dd.trace_id", Assert.Single(sink.Events).Properties.Keys);
    }

    [Fact]
    public void Create_KnownIds_DatadogDecimalsOfLow64Bits()
    {
        var identity = CorrelationIdentity.Resolve(new TracehoundCorrelationOptions(), _ => null);
        var fields = TraceCorrelation.Create(
            ActivityTraceId.CreateFromString("0af7651916cd43dd8448eb211c80319c"),
            ActivitySpanId.CreateFromString("b7ad6b7169203331"),
            identity).ToDictionary(kv => kv.Key, kv => kv.Value);

        Assert.Equal("9532127138774266268", fields["dd.trace_id"]);
        Assert.Equal("13235353014750950193", fields["dd.span_id"]);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", fields["trace_id"]);
        Assert.Equal("b7ad6b7169203331", fields["span_id"]);
        Assert.False(fields.ContainsKey("dd.service"));
    }

    [Fact]
    public void Resolve_Environment_DatadogVariablesBeforeOpenTelemetry()
    {
        var environment = new Dictionary<string, string>
        {
            ["DD_SERVICE"] = "dd-svc",
            ["OTEL_SERVICE_NAME"] = "otel-svc",
            ["OTEL_RESOURCE_ATTRIBUTES"] = "deployment.environment.name=staging,service.version=2%2E0",
        };
        var identity = CorrelationIdentity.Resolve(new TracehoundCorrelationOptions(), environment.GetValueOrDefault);
        Assert.Equal("dd-svc", identity.Service);
        Assert.Equal("staging", identity.Env);
        Assert.Equal("2.0", identity.Version);

        var fromOtel = CorrelationIdentity.Resolve(new TracehoundCorrelationOptions { Env = "explicit" }, k => k == "OTEL_RESOURCE_ATTRIBUTES" ? "service.name=res-svc,deployment.environment=old" : null);
        Assert.Equal("res-svc", fromOtel.Service);
        Assert.Equal("explicit", fromOtel.Env);
    }

    [Fact]
    public void Create_OpenTelemetryFieldsOnly_NoDatadogFields()
    {
        var identity = CorrelationIdentity.Resolve(new TracehoundCorrelationOptions { IncludeDatadogFields = false, Service = "s" }, _ => null);
        var keys = TraceCorrelation.Create(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), identity).Select(kv => kv.Key);
        Assert.Equal(["trace_id", "span_id"], keys);
    }

    private sealed class CollectingSink : ILogEventSink
    {
        public ConcurrentQueue<LogEvent> Events { get; } = new();

        public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
    }

    private sealed class ScopeCapturingProcessor(ConcurrentQueue<Dictionary<string, object?>> exported) : BaseProcessor<LogRecord>
    {
        public override void OnEnd(LogRecord data)
        {
            var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
            data.ForEachScope(
                (scope, values) =>
                {
                    foreach (var pair in scope)
                    {
                        values.TryAdd(pair.Key, pair.Value);
                    }
                },
                attributes);
            exported.Enqueue(attributes);
        }
    }
}
