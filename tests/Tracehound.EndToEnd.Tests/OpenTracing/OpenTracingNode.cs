using Tracehound.EndToEnd.Tests.Infrastructure;

namespace Tracehound.EndToEnd.Tests.OpenTracing;

/// <summary>The Node project in OpenTracing/node: zipkin-js 0.22.0 and jaeger-client 3.19.0, pinned by its lock file.</summary>
internal static class OpenTracingNode
{
    public static NodeProject Project { get; } = new(Path.Combine("OpenTracing", "node"), "jaeger-client");
}
