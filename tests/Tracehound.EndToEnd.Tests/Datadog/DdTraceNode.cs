using System.Text.Json;
using Tracehound.EndToEnd.Tests.Infrastructure;

namespace Tracehound.EndToEnd.Tests.Datadog;

/// <summary>
/// The Node project in Datadog/node (dd-trace 5.132.0 pinned by its lock file): installed with
/// <c>npm ci</c> on first use when node_modules is missing, then run against a server.
/// </summary>
internal static class DdTraceNode
{
    private static readonly NodeProject Project = new(Path.Combine("Datadog", "node"), "dd-trace");

    /// <summary>The project folder in the source tree (the tests run from bin/, the script stays in the repo).</summary>
    public static string Folder => Project.Folder;

    public static Task<JsonElement> SendAsync(Uri agent, string protocol) =>
        Project.RunScriptAsync("dd-send.js", [protocol], new Dictionary<string, string> { ["DD_TRACE_AGENT_URL"] = agent.ToString().TrimEnd('/') });
}
