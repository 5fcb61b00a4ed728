using System.Globalization;
using System.Net;
using Tracehound.EndToEnd.Tests.Infrastructure;

namespace Tracehound.EndToEnd.Tests.Sampling;

/// <summary>
/// The real dd-trace (the Datadog/node install) against a Tracehound with a low target TPS: the
/// priority sampler's rate_by_service reaches the tracer, which then applies a rate below 1
/// (visible as <c>_dd.agent_psr</c> on the roots it sends). By default Tracehound still stores
/// every trace, priority 0 ones included.
/// </summary>
public sealed class DdTraceRatesTests
{
    private static readonly NodeProject Project = new(Path.Combine("Datadog", "node"), "dd-trace");

    [Fact]
    public async Task DdTrace_LowTargetTps_ReceivesAndAppliesNonDefaultRates()
    {
        using var data = new TempDirectory();
        await using var server = await TracehoundProcess.StartAsync(data.Path, "--sampling-target-tps", "1");
        var script = Path.Combine(Path.GetDirectoryName(Project.Folder)!, "..", "Sampling", "dd-rates.js");
        // 12 s of traffic at 50 traces/s: rates are recomputed when a 5 s bucket starts.
        var result = await Project.RunScriptAsync(Path.GetFullPath(script), ["12"], new Dictionary<string, string>
        {
            ["DD_TRACE_AGENT_URL"] = server.Datadog.ToString().TrimEnd('/'),
            ["NODE_PATH"] = Path.Combine(Project.Folder, "node_modules"),
        });
        var sent = result.GetProperty("sent").GetInt32();

        using var api = new ApiClient(server.Api);
        var (status, body) = await api.GetAsync("/api/traces?service=e2e-rates&limit=1500");
        Assert.Equal(HttpStatusCode.OK, status);
        var agentRates = new List<double>();
        var priorities = new List<double>();
        foreach (var trace in body.GetProperty("data").EnumerateArray())
        {
            foreach (var span in trace.GetProperty("spans").EnumerateArray())
            {
                foreach (var tag in span.GetProperty("tags").EnumerateArray())
                {
                    var key = tag.GetProperty("key").GetString();
                    if (key is "_dd.agent_psr" or "_sampling_priority_v1")
                    {
                        var value = tag.GetProperty("value");
                        var number = value.ValueKind == System.Text.Json.JsonValueKind.Number ? value.GetDouble() : double.Parse(value.GetString()!, CultureInfo.InvariantCulture);
                        (key == "_dd.agent_psr" ? agentRates : priorities).Add(number);
                    }
                }
            }
        }

        // Default sampling keeps everything the tracer sent, priority 0 included.
        Assert.Equal(sent, body.GetProperty("data").GetArrayLength());
        Assert.Contains(1.0, agentRates);
        Assert.Contains(agentRates, rate => rate is > 0 and < 0.5);
        Assert.Contains(0.0, priorities);

        // The rates body names the tracer's service and env.
        using var http = new HttpClient();
        using var content = new ByteArrayContent([0x90]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/msgpack");
        using var response = await http.PutAsync(new Uri(server.Datadog, "/v0.4/traces"), content);
        var rates = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"service:e2e-rates,env:e2e\":0.", rates, StringComparison.Ordinal);
    }
}
