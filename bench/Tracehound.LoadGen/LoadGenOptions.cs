using System.Globalization;

namespace Tracehound.LoadGen;

/// <summary>Command-line settings of the load generator.</summary>
internal sealed class LoadGenOptions
{
    public long Spans { get; private set; } = 10_000_000;

    /// <summary>Export calls in flight at once (like that many SDK exporters); each waits for durability.</summary>
    public int Concurrency { get; private set; } = 32;

    /// <summary>HTTP/2 connections the calls are spread over.</summary>
    public int Connections { get; private set; } = 4;

    public int Templates { get; private set; } = 32;

    public int TraceLookups { get; private set; } = 1000;

    public int Searches { get; private set; } = 300;

    public string StoreMemoryLimit { get; private set; } = "128MiB";

    public string? DataDirectory { get; private set; }

    /// <summary><c>otlp</c> (OTLP/gRPC) or <c>datadog</c> (v0.4 msgpack traces, or gzip JSON to <c>/api/v2/logs</c> with --signal logs).</summary>
    public string Protocol { get; private set; } = "otlp";

    /// <summary><c>traces</c>, or <c>logs</c>: one log record per span of the workload, to LogsService/Export or the Datadog log intake.</summary>
    public string Signal { get; private set; } = "traces";

    public static string Usage =>
        """
        Usage: tracehound-loadgen [--spans N] [--concurrency N] [--connections N] [--templates N] [--trace-lookups N] [--searches N]
                                  [--store-memory-limit SIZE] [--data-dir DIR] [--protocol otlp|datadog] [--signal traces|logs]
        Starts tracehound (the Release build beside this program) on free ports, sends batches of 512 spans
        (OTLP/gRPC, or Datadog v0.4 msgpack over HTTP with --protocol datadog) as fast as it accepts them (--concurrency calls in flight, default 32, over --connections HTTP/2
        connections, default 4), then measures trace-by-id and search latency through the API. With --signal logs it
        sends as many log records instead (one per span, --spans counts records; OTLP LogsService/Export, or with
        --protocol datadog gzip JSON arrays of 1000 to POST /api/v2/logs) and measures trace-logs and log search latency.
        """;

    public static LoadGenOptions Parse(string[] args)
    {
        var options = new LoadGenOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value\n{Usage}");
            switch (args[i])
            {
                case "--spans": options.Spans = long.Parse(value, CultureInfo.InvariantCulture); break;
                case "--connections": options.Connections = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--concurrency": options.Concurrency = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--templates": options.Templates = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--trace-lookups": options.TraceLookups = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--searches": options.Searches = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--store-memory-limit": options.StoreMemoryLimit = value; break;
                case "--data-dir": options.DataDirectory = value; break;
                case "--signal": options.Signal = value is "traces" or "logs" ? value : throw new ArgumentException($"--signal is traces or logs\n{Usage}"); break;
                case "--protocol": options.Protocol = value is "otlp" or "datadog" ? value : throw new ArgumentException($"--protocol is otlp or datadog\n{Usage}"); break;
                default: throw new ArgumentException($"unknown option {args[i]}\n{Usage}");
            }

            i++;
        }

        return options;
    }
}
