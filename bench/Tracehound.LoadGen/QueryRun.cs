using System.Diagnostics;
using System.Net;
using Tracehound.Model;

namespace Tracehound.LoadGen;

/// <summary>Measures trace-by-id and search latency through the query API, one request at a time.</summary>
internal static class QueryRun
{
    /// <param name="logs">Ask for the trace's logs (<c>/api/v1/traces/{id}/logs</c>, not found when empty) instead of the trace.</param>
    public static async Task<(List<double> Millis, int NotFound)> TraceLookupsAsync(Uri api, IReadOnlyList<TraceId> ids, int count, bool logs = false)
    {
        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromMinutes(1) };
        var random = new Random(1);
        var latencies = new List<double>();
        var notFound = 0;
        for (var i = 0; i < count + 20; i++)
        {
            var id = ids[random.Next(ids.Count)];
            var stopwatch = Stopwatch.StartNew();
            using var response = await http.GetAsync(new Uri($"/api/v1/traces/{id.ToHex()}{(logs ? "/logs" : string.Empty)}", UriKind.Relative));
            var body = await response.Content.ReadAsByteArrayAsync();
            stopwatch.Stop();
            if (i < 20)
            {
                continue; // warm-up
            }

            if (response.StatusCode != HttpStatusCode.OK || (logs && body.Length <= "{\"logs\":[]}".Length))
            {
                notFound++;
            }

            latencies.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        return (latencies, notFound);
    }

    /// <summary>Jaeger searches as a person makes them: a service, sometimes an operation or a duration floor, the newest 20 traces.</summary>
    /// <param name="logs">Log searches instead (<c>/api/v1/logs</c>: a service, sometimes with status:error or a phrase).</param>
    public static async Task<List<double>> SearchesAsync(Uri api, IReadOnlyList<(string Service, string Operation)> operations, int count, bool logs = false)
    {
        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromMinutes(1) };
        var random = new Random(2);
        var latencies = new List<double>();
        for (var i = 0; i < count + 10; i++)
        {
            var (service, operation) = operations[random.Next(operations.Count)];
            var query = logs ? (i % 3) switch
            {
                0 => $"/api/v1/logs?limit=20&query={Uri.EscapeDataString($"service:{service}")}",
                1 => $"/api/v1/logs?limit=20&query={Uri.EscapeDataString($"service:{service} status:error")}",
                _ => $"/api/v1/logs?limit=20&query={Uri.EscapeDataString($"service:{service} \"{operation} completed\"")}",
            } : (i % 3) switch
            {
                0 => $"/api/traces?service={Uri.EscapeDataString(service)}&limit=20&lookback=1h",
                1 => $"/api/traces?service={Uri.EscapeDataString(service)}&operation={Uri.EscapeDataString(operation)}&limit=20&lookback=1h",
                _ => $"/api/traces?service={Uri.EscapeDataString(service)}&minDuration=10ms&limit=20&lookback=1h",
            };
            var stopwatch = Stopwatch.StartNew();
            using var response = await http.GetAsync(new Uri(query, UriKind.Relative));
            await response.Content.ReadAsByteArrayAsync();
            stopwatch.Stop();
            if (i >= 10)
            {
                latencies.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        }

        return latencies;
    }
}
