using Tracehound.Model;

namespace Tracehound.Processing.Sampling.Tail;

/// <summary>
/// Keeps traces with a span whose status is one of the listed codes (<c>ERROR</c>, <c>OK</c>,
/// <c>UNSET</c>) — the collector's <c>status_code</c> policy. A Datadog span with <c>error</c> = 1
/// counts as <c>ERROR</c>.
/// </summary>
internal sealed class StatusCodePolicy(string name, IReadOnlyCollection<StatusCode> codes) : ITailSamplingPolicy
{
    public string Name { get; } = name;

    public bool Samples(TailTrace trace, DateTimeOffset now)
    {
        foreach (var span in trace.Spans)
        {
            var code = span.StatusCode == StatusCode.Error || span.Datadog is { Error: not 0 } ? StatusCode.Error : span.StatusCode;
            if (codes.Contains(code))
            {
                return true;
            }
        }

        return false;
    }
}
