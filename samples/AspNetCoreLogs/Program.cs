// A small ASP.NET Core app whose request logs land beside their traces in Tracehound:
// traces go over OTLP (OTEL_EXPORTER_OTLP_ENDPOINT, default http://localhost:4317), logs are JSON
// lines on standard output carrying dd.trace_id/trace_id (Tracehound.Logging), piped into
// `tracehound logs ingest -`.
using System.Diagnostics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

var builder = WebApplication.CreateBuilder(args);
var serviceName = Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME") ?? "aspnetcore-logs-sample";

builder.Services.AddOpenTelemetry()
    .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: "1.0.0"))
    .WithTracing(tracing => tracing
        .AddAspNetCoreInstrumentation()
        .AddSource(Checkout.Source.Name)
        .AddOtlpExporter());

builder.Logging.ClearProviders();
builder.Logging.AddJsonConsole(o =>
{
    o.IncludeScopes = true;
    o.UseUtcTimestamp = true;
    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
});
builder.Logging.AddTracehoundCorrelation(o =>
{
    o.Service = serviceName;
    o.Env = builder.Environment.EnvironmentName.ToLowerInvariant();
    o.Version = "1.0.0";
});

var app = builder.Build();

app.MapGet("/checkout/{item}", (string item, ILogger<Checkout> logger) =>
{
    logger.LogInformation("Checking out {Item}", item);
    using (var pricing = Checkout.Source.StartActivity("price"))
    {
        logger.LogInformation("Priced {Item} at {Price}", item, 42);
    }

    logger.LogWarning("Stock for {Item} is low", item);
    // The trace id is returned so the README (and the end-to-end test) can look the trace up.
    return Results.Ok(new { traceId = Activity.Current?.TraceId.ToHexString(), item });
});

app.Run();

/// <summary>The sample's own activity source and log category.</summary>
internal sealed class Checkout
{
    public static readonly ActivitySource Source = new("AspNetCoreLogs.Checkout");
}
