using System.Diagnostics;
using System.Net;
using Tracehound.Model;

namespace Tracehound.LoadGen;

/// <summary>Measures trace-by-id and search latency through the query API, one request at a time.</summary>
internal static class QueryRun
{
    public static async Task<(List<double> Millis, int NotFound)> TraceLookupsAsync(Uri api, IReadOnlyList<TraceId> ids, int count)
    {
        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromMinutes(1) };
        var random = new Random(1);
        var latencies = new List<double>();
        var notFound = 0;
        for (var i = 0; i < count + 20; i++)
        {
            var id = ids[random.Next(ids.Count)];
            var stopwatch = Stopwatch.StartNew();
            using var response = await http.GetAsync(new Uri($"/api/v1/traces/{id.ToHex()}", UriKind.Relative));
            await response.Content.ReadAsByteArrayAsync();
            stopwatch.Stop();
            if (i < 20)
            {
                continue; // warm-up
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                notFound++;
            }

            latencies.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        return (latencies, notFound);
    }

    /// <summary>Jaeger searches as a person makes them: a service, sometimes an operation or a duration floor, the newest 20 traces.</summary>
    public static async Task<List<double>> SearchesAsync(Uri api, IReadOnlyList<(string Service, string Operation)> operations, int count)
    {
        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromMinutes(1) };
        var random = new Random(2);
        var latencies = new List<double>();
        for (var i = 0; i < count + 10; i++)
        {
            var (service, operation) = operations[random.Next(operations.Count)];
            var query = (i % 3) switch
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
