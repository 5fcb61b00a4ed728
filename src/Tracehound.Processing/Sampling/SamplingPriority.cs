namespace Tracehound.Processing.Sampling;

/// <summary>The Datadog sampling priorities (a tracer's keep/drop decision for a trace).</summary>
internal static class SamplingPriority
{
    public const int None = Tracehound.Model.DatadogChunkInfo.PriorityNone;
    public const int UserDrop = -1;
    public const int AutoDrop = 0;
    public const int AutoKeep = 1;
    public const int UserKeep = 2;
}
