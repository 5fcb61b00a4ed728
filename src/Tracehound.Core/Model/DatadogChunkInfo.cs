namespace Tracehound.Model;

/// <summary>A Datadog trace chunk's own fields (v0.7 sends them; v0.3–v0.5 chunks get them lifted from their spans).</summary>
public sealed class DatadogChunkInfo
{
    /// <summary>The agent's "no priority" value.</summary>
    public const int PriorityNone = -128;

    public static DatadogChunkInfo None { get; } = new();

    public int Priority { get; set; } = PriorityNone;

    public string Origin { get; set; } = string.Empty;

    public KeyValue[] Tags { get; set; } = [];

    public bool DroppedTrace { get; set; }
}
