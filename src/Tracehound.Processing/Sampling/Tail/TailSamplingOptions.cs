namespace Tracehound.Processing.Sampling.Tail;

/// <summary>Tail-based sampling settings (docs/SAMPLING.md). Off unless policies are given.</summary>
public sealed class TailSamplingOptions
{
    public const int DefaultMaxTraces = 50_000;
    public const int DefaultMaxSpans = 1_000_000;

    /// <summary>How long spans of a trace are buffered after its first span arrived before the policies decide.</summary>
    public TimeSpan DecisionWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Traces buffered at most; beyond, the oldest is decided early.</summary>
    public int MaxTraces { get; init; } = DefaultMaxTraces;

    /// <summary>Spans buffered at most (over all traces); beyond, the oldest traces are decided early.</summary>
    public int MaxSpans { get; init; } = DefaultMaxSpans;

    /// <summary>The policies' JSON (docs/SAMPLING.md); a trace is kept when any policy keeps it.</summary>
    public required string PoliciesJson { get; init; }

    /// <summary>Why the policies cannot be used, or null when they can.</summary>
    public string? Validate()
    {
        try
        {
            TailSamplingPolicyParser.Parse(PoliciesJson, DateTimeOffset.UnixEpoch);
            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }
}
