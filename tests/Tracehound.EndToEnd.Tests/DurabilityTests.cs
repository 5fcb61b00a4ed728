using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Tracehound.EndToEnd.Tests.Infrastructure;

namespace Tracehound.EndToEnd.Tests;

/// <summary>An acknowledged export survives kill -9 of the server; SIGTERM shuts it down cleanly.</summary>
public sealed class DurabilityTests
{
    private const int SpansPerTrace = 8;

    [Fact]
    public async Task Sigkill_WhileExporting_EveryAcknowledgedSpanIsThereAfterRestart()
    {
        using var data = new TempDirectory();
        var acknowledged = new ConcurrentBag<string>();
        await using (var server = await TracehoundProcess.StartAsync(data.Path))
        {
            using var http = new HttpClient { BaseAddress = server.OtlpHttp };
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                for (var i = 0; i < 10_000 && !stop.IsCancellationRequested; i++)
                {
                    var (payload, traceId) = OtlpPayload.Trace($"durability-{w}", SpansPerTrace);
                    using var content = new ByteArrayContent(payload);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
                    try
                    {
                        using var response = await http.PostAsync(new Uri("/v1/traces", UriKind.Relative), content);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            acknowledged.Add(traceId);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // the server is gone
                    }
                }
            })).ToArray();

            // Kill while writers are mid-flight, once a good number of exports were acknowledged.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged.Count < 200 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            await server.KillAsync();
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.True(acknowledged.Count >= 200, $"only {acknowledged.Count} exports were acknowledged before the kill");
        await using var restarted = await TracehoundProcess.StartAsync(data.Path);
        using var api = new ApiClient(restarted.Api);
        var missing = new List<string>();
        foreach (var traceId in acknowledged)
        {
            var (status, body) = await api.GetAsync($"/api/v1/traces/{traceId}");
            if (status != HttpStatusCode.OK || body.GetProperty("spans").GetArrayLength() != SpansPerTrace)
            {
                missing.Add(traceId);
            }
        }

        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged traces are missing or incomplete after kill -9, e.g. {missing.FirstOrDefault()}");
    }

    [Fact]
    public async Task Sigterm_ShutsDownCleanly_AndDataIsThereAfterRestart()
    {
        using var data = new TempDirectory();
        string traceId;
        await using (var server = await TracehoundProcess.StartAsync(data.Path))
        {
            using var http = new HttpClient { BaseAddress = server.OtlpHttp };
            (var payload, traceId) = OtlpPayload.Trace("graceful", 3);
            using var content = new ByteArrayContent(payload);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
            using var response = await http.PostAsync(new Uri("/v1/traces", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            var exitCode = await server.StopGracefullyAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(0, exitCode);
            Assert.Contains("closed cleanly", server.Output, StringComparison.Ordinal);
        }

        await using var restarted = await TracehoundProcess.StartAsync(data.Path);
        using var api = new ApiClient(restarted.Api);
        var trace = await api.GetTraceV1Async(traceId);
        Assert.Equal(3, trace.GetProperty("spans").GetArrayLength());
    }
}
