using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tracehound.EndToEnd.Tests.Infrastructure;

namespace Tracehound.EndToEnd.Tests.Logs;

/// <summary>
/// The samples/AspNetCoreLogs app (OpenTelemetry SDK traces over OTLP, JSON console logs enriched
/// by Tracehound.Logging) against the real server: one request, its console output piped through
/// <c>tracehound logs ingest -</c>, and the request's logs read back beside its trace from
/// <c>GET /api/v1/traces/{id}/logs</c>.
/// </summary>
public sealed partial class DotnetSampleLogsTests
{
    [Fact]
    public async Task DotnetSample_RequestLogsPipedThroughIngest_ComeBackWithTheirTrace()
    {
        using var data = new TempDirectory();
        await using var server = await TracehoundProcess.StartAsync(data.Path);

        var output = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sample = StartSample(server, output, listening);
        string traceId;
        try
        {
            var baseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            using var http = new HttpClient { BaseAddress = baseAddress };
            using var answer = JsonDocument.Parse(await http.GetStringAsync(new Uri("/checkout/book", UriKind.Relative)));
            traceId = answer.RootElement.GetProperty("traceId").GetString()!;
        }
        finally
        {
            // SIGTERM: the app shuts down cleanly, so the OpenTelemetry SDK flushes its spans.
            _ = SendSignal(sample.Id, 15);
            await sample.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }

        // What the app printed, through the CLI's standard input, as `dotnet ... | tracehound logs ingest -` does.
        var (exitCode, errors) = await PipeIntoIngestAsync(output, server.Datadog);
        Assert.True(exitCode == 0, errors);

        using var api = new ApiClient(server.Api);
        var logs = await WaitForLogsAsync(api, traceId, expected: 3);
        var bodies = logs.Select(l => l.GetProperty("body").ToString()).ToList();
        Assert.Contains("Checking out book", bodies);
        Assert.Contains("Priced book at 42", bodies);
        Assert.Contains("Stock for book is low", bodies);
        Assert.All(logs, l => Assert.Equal(traceId, l.GetProperty("traceId").GetString()));

        // The "Priced" log was written inside the child span, the others inside the request span.
        var priced = logs.Single(l => l.GetProperty("body").ToString() == "Priced book at 42");
        var checkingOut = logs.Single(l => l.GetProperty("body").ToString() == "Checking out book");
        Assert.NotEqual(priced.GetProperty("spanId").GetString(), checkingOut.GetProperty("spanId").GetString());

        var trace = await api.GetTraceV1Async(traceId);
        Assert.Contains(checkingOut.GetProperty("spanId").GetString()!, trace.ToString(), StringComparison.Ordinal);
    }

    private static Process StartSample(TracehoundProcess server, ConcurrentQueue<string> output, TaskCompletionSource<Uri> listening)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AspNetCoreLogs.dll"));
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = server.OtlpGrpc.ToString();
        info.Environment["OTEL_SERVICE_NAME"] = "dotnet-logs-e2e";
        info.Environment["OTEL_BSP_SCHEDULE_DELAY"] = "100";
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            var match = ListeningLine().Match(e.Data);
            if (match.Success)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        // Standard error is read (so the app never blocks on a full pipe) and kept with the output.
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<(int ExitCode, string Errors)> PipeIntoIngestAsync(ConcurrentQueue<string> lines, Uri datadog)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { TracehoundBinary.Path, "logs", "ingest", "-", "--server", datadog.ToString() })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        foreach (var line in lines)
        {
            await process.StandardInput.WriteLineAsync(line);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        await stdout;
        return (process.ExitCode, await errors);
    }

    /// <summary>Polls until the trace has <paramref name="expected"/> logs (the store commits asynchronously to the answer of other requests).</summary>
    private static async Task<List<JsonElement>> WaitForLogsAsync(ApiClient api, string traceId, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var (status, body) = await api.GetAsync($"/api/v1/traces/{traceId}/logs");
            if (status == HttpStatusCode.OK && body.GetProperty("logs").GetArrayLength() >= expected)
            {
                return [.. body.GetProperty("logs").EnumerateArray()];
            }

            Assert.True(DateTime.UtcNow < deadline, $"GET /api/v1/traces/{traceId}/logs answered {(int)status}: {body}");
            await Task.Delay(250);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int SendSignal(int pid, int signal);

    [GeneratedRegex(@"Now listening on: (http://[0-9.]+:[0-9]+)")]
    private static partial Regex ListeningLine();
}
