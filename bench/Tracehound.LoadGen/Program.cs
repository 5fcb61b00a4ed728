// The end-to-end load generator: starts a Release tracehound on free ports, sends OTLP/gRPC batches
// of the reference workload as fast as the server acknowledges them (acknowledged = durable), then
// measures trace-by-id and search latency, server CPU per span, peak RSS and bytes stored per span.
// Usage: dotnet run -c Release --project bench/Tracehound.LoadGen -- [--spans N] [--connections N] ...
using System.Globalization;
using Tracehound.EndToEnd.Tests.Infrastructure;
using Tracehound.LoadGen;
using Tracehound.Model;
using Tracehound.Workload;

var options = LoadGenOptions.Parse(args);
var logSignal = options.Signal == "logs";
var datadogLogs = logSignal && options.Protocol == "datadog";
var item = logSignal ? "log records" : "spans";
var ownsDataDirectory = options.DataDirectory is null;
var dataDirectory = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "tracehound-loadgen-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(dataDirectory);

Console.WriteLine($"Preparing {options.Templates} batch templates of the reference workload...");
var workload = new OtlpWorkload(seed: 42, baseTimeUnixNano: DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000);
var templates = new List<(BatchTemplate Template, IReadOnlyList<Span> Spans)>();
for (var i = 0; i < options.Templates; i++)
{
    // Log shippers fill the Datadog intake's arrays up to its 1000 entries; SDK exporters send 512.
    var spans = workload.NextBatch(datadogLogs ? 1000 : 512);
    var template = (options.Protocol, logSignal) switch
    {
        ("otlp", true) => new BatchTemplate(OtlpLogsRequestEncoder.Encode(spans), spans),
        ("otlp", false) => new BatchTemplate(OtlpTraceRequestEncoder.Encode(spans), spans),
        (_, true) => new BatchTemplate(DatadogLogsJsonEncoder.Encode(spans), spans, PayloadFormat.DatadogLogsJson),
        _ => new BatchTemplate(DatadogV04Encoder.Encode(spans), spans, PayloadFormat.DatadogMsgpack),
    };
    templates.Add((template, spans));
}

var operations = templates.SelectMany(t => t.Spans).Where(s => s.ParentSpanId.IsEmpty)
    .Select(s => (s.ServiceName, s.Name)).Distinct().ToList();
var wireBytesPerSpan = templates.Average(t => (double)t.Template.Length / t.Template.SpanCount);

Console.WriteLine($"Starting tracehound (data in {dataDirectory}, store memory limit {options.StoreMemoryLimit})...");
await using var server = await TracehoundProcess.StartAsync(dataDirectory, "--store-memory-limit", options.StoreMemoryLimit);
var pid = server.ProcessId;

var ingest = new IngestRun(templates, options.Spans);
var cpuBefore = ProcessStats.CpuSeconds(pid);
using IExportTransport transport = (options.Protocol, logSignal) switch
{
    ("otlp", _) => new GrpcOtlpTransport(server.OtlpGrpc, options.Connections, logSignal ? "opentelemetry.proto.collector.logs.v1.LogsService" : "opentelemetry.proto.collector.trace.v1.TraceService"),
    (_, true) => new DatadogLogsHttpTransport(server.Listeners["datadog"], options.Connections),
    _ => new DatadogHttpTransport(server.Listeners["datadog"], options.Connections),
};
var elapsed = await ingest.RunAsync(transport, options.Concurrency, (spans, refusals) =>
    Console.WriteLine($"  {spans:N0} {item} acknowledged, RSS {ProcessStats.RssBytes(pid) / 1048576.0:F0} MiB, {refusals} refusals"));
var cpuIngest = ProcessStats.CpuSeconds(pid) - cpuBefore;
var peakRssIngest = ProcessStats.PeakRssBytes(pid);
var spansStored = ingest.SpansAcknowledged;

Console.WriteLine("Measuring trace-by-id and search latency...");
var ids = ingest.SampledTraceIds.ToList();
var (lookups, notFound) = await QueryRun.TraceLookupsAsync(server.Api, ids, options.TraceLookups, logSignal);
var searches = await QueryRun.SearchesAsync(server.Api, operations, options.Searches, logSignal);
var peakRssAll = ProcessStats.PeakRssBytes(pid);

Console.WriteLine("Stopping tracehound (SIGTERM: drain, checkpoint, close)...");
var exitCode = await server.StopGracefullyAsync(TimeSpan.FromMinutes(5));
var storedBytes = new DirectoryInfo(dataDirectory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

string F(double value, string format = "F1") => value.ToString(format, CultureInfo.InvariantCulture);
Console.WriteLine();
Console.WriteLine($"| figure | value |");
Console.WriteLine($"|---|---|");
Console.WriteLine($"| {item} acknowledged (durable) | {spansStored:N0} in {F(elapsed.TotalSeconds)} s, {options.Concurrency} calls of {templates[0].Template.SpanCount} in flight |");
Console.WriteLine($"| sustained ingest | **{F(spansStored / elapsed.TotalSeconds, "N0")} {item}/s** |");
Console.WriteLine($"| server CPU during ingest | {F(cpuIngest)} s = **{F(cpuIngest / (spansStored / 1e6), "F2")} CPU-s per 1M {item}** ({F(cpuIngest / elapsed.TotalSeconds, "F2")} cores) |");
Console.WriteLine($"| refusals (queue full, retried) | {ingest.Refusals:N0} |");
Console.WriteLine($"| peak RSS, ingest / whole run | **{F(peakRssIngest / 1048576.0, "F0")} MiB** / {F(peakRssAll / 1048576.0, "F0")} MiB |");
var wireFormat = (options.Protocol, logSignal) switch
{
    ("otlp", _) => "OTLP protobuf",
    (_, true) => "Datadog log JSON",
    _ => "Datadog v0.4 msgpack",
};
var gzipBytesPerRecord = transport is DatadogLogsHttpTransport logsTransport ? $", gzip {F(logsTransport.MeanCompressedBytes / templates[0].Template.SpanCount)} B" : string.Empty;
Console.WriteLine($"| wire size ({wireFormat}) | {F(wireBytesPerSpan)} B per {(logSignal ? "record" : "span")}{gzipBytesPerRecord} |");
Console.WriteLine($"| stored after clean shutdown | {storedBytes / 1048576.0:F0} MiB = **{F((double)storedBytes / spansStored)} B per {(logSignal ? "record" : "span")}** |");
Console.WriteLine($"| {(logSignal ? "logs of a trace" : "trace by id")} ({lookups.Count} lookups, {notFound} not found) | p50 {F(Percentiles.Of(lookups, 50), "F2")} ms, p99 **{F(Percentiles.Of(lookups, 99), "F2")} ms** |");
Console.WriteLine($"| search ({searches.Count}: {(logSignal ? "service / +status:error / +phrase" : "service / +operation / +minDuration")}, limit 20) | p50 {F(Percentiles.Of(searches, 50), "F2")} ms, p95 **{F(Percentiles.Of(searches, 95), "F2")} ms** |");
Console.WriteLine($"| server exit code after SIGTERM | {exitCode} |");

if (ownsDataDirectory)
{
    Directory.Delete(dataDirectory, recursive: true);
}

return notFound == 0 && exitCode == 0 ? 0 : 1;
