using System.Text;
using Tracehound.Configuration;

namespace Tracehound.Commands;

/// <summary>The text of <c>tracehound --help</c> and <c>tracehound serve --help</c>, made from the option catalog.</summary>
internal static class HelpText
{
    public static string General() =>
        """
        Tracehound: an OpenTelemetry-native, Datadog-compatible trace collector and APM backend.

        Usage:
          tracehound [serve] [options]   Start the receivers, the embedded store and the query API (the default).
          tracehound logs ingest FILE|-  Send JSON-lines logs to a running server's Datadog log intake (see tracehound logs --help).
          tracehound search '<query>'    Search spans (or --traces) on a running server; see tracehound search --help.
          tracehound help                Show this help.
          tracehound version             Show the version.

        """ + Environment.NewLine + Serve();

    public static string Logs() =>
        $"""
        Usage: tracehound logs ingest FILE|- [options]

        Reads logs one per line from FILE, or from standard input with - (e.g. `dotnet run | tracehound logs ingest -`),
        and sends them to a running Tracehound's Datadog log intake (POST /api/v2/logs) in gzip batches.
        A JSON object line is one log: message/msg, status/level, service, timestamp, dd.trace_id/trace_id, ... are read
        as the server reads them; Microsoft.Extensions.Logging JSON console lines (State and Scopes) and Serilog compact
        JSON (@t, @m, @l, @tr, @sp) are lifted to those names first. Any other line becomes a log with the line as its message.
        Batches refused with 429 or 503 are retried with backoff. Exit code 0 when every line was accepted, 1 otherwise.

        Options:
          --server URL          The server's Datadog port, or the full intake URL. Default: {LogsCommand.DefaultServer}.
          --service NAME        Service of lines that name none.
          --source NAME         ddsource of lines that name none.
          --tags K:V,K2:V2      Tags added to every line (the ddtags query parameter).
          --batch-size N        Lines per request, 1 to {LogShipper.MaxEntries}. Default: {LogShipper.MaxEntries}.
          -h, --help            Show this help.

        """;

    public static string Search() =>
        """
        Usage: tracehound search '<query>' [--server URL] [--from TIME] [--to TIME] [--limit N] [--traces] [--json]

        Searches a running server's spans with Datadog's span query syntax and prints a table (newest first):
          tracehound search 'service:web env:prod @http.status_code:[500 TO 599] @duration:>1s -resource_name:"GET /health"'
          tracehound search '(service:web OR service:api) status:error' --from 1h --traces

        Options:
          --server URL    The server's API address. Default: http://127.0.0.1:16686.
          --from TIME     Only spans starting at or after TIME: unix milliseconds, an ISO 8601 date-time,
                          'now', or an age such as 15m, 2h, 7d. Default: no bound.
          --to TIME       Only spans starting at or before TIME (same forms). Default: no bound.
          --limit N       At most N rows (spans: default 50, at most 1000; traces: default 20, at most 200).
          --traces        List whole traces with a matching span instead of spans.
          --json          Print the server's JSON answer as it is.
          -h, --help      Show this help.

        Exit codes: 0 success (also when nothing matches), 1 the server is unreachable or refused the query
        (the reason and the position in the query are printed), 2 bad arguments.

        """;

    public static string Serve()
    {
        var text = new StringBuilder();
        text.AppendLine("Usage: tracehound serve [options]");
        text.AppendLine();
        text.AppendLine("Starts every listener on 127.0.0.1 (see --bind-all) with an embedded store in --data-dir.");
        text.AppendLine("Point an OpenTelemetry SDK at it with OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4317 (gRPC)");
        text.AppendLine("or http://127.0.0.1:4318 with OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf; query it on http://127.0.0.1:16686/api.");
        text.AppendLine();
        text.AppendLine("Options (also TRACEHOUND_<NAME> environment variables, or keys of the \"Tracehound\" section of appsettings.json):");
        foreach (var option in OptionCatalog.All)
        {
            var left = option.Kind == OptionKind.Flag ? $"  --{option.Name}" : $"  --{option.Name} {option.ValueName}";
            var defaultText = option switch
            {
                { Default: null } or { Kind: OptionKind.Flag } => string.Empty,
                { Kind: OptionKind.Listener } => $" Default: 127.0.0.1:{option.Default}.",
                _ => $" Default: {option.Default}.",
            };
            // A name longer than the column gets its help on the next line, aligned with the others.
            text.Append(left.Length < 34 ? left.PadRight(34) : left + Environment.NewLine + new string(' ', 34)).Append(option.Help).Append(defaultText);
            text.Append(" [").Append(option.EnvironmentVariable).AppendLine("]");
        }

        text.AppendLine("  -h, --help".PadRight(34) + "Show this help.");
        text.AppendLine();
        text.AppendLine("A listener value is HOST:PORT, [IPv6]:PORT, :PORT or PORT (host 127.0.0.1, or all interfaces with");
        text.AppendLine("--bind-all); port 0 picks a free port (the startup log prints each bound address); 'off' disables it.");
        return text.ToString();
    }
}
