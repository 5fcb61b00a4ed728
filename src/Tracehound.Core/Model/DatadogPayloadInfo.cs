namespace Tracehound.Model;

/// <summary>
/// What a Datadog tracer said about itself for one request: the v0.7 TracerPayload fields, or for
/// the older endpoints the <c>Datadog-Meta-*</c> and <c>Datadog-Client-Computed-*</c> headers.
/// </summary>
public sealed class DatadogPayloadInfo
{
    public static DatadogPayloadInfo None { get; } = new();

    /// <summary>The endpoint version the payload came through: <c>v0.3</c>, <c>v0.4</c>, <c>v0.5</c> or <c>v0.7</c>.</summary>
    public string Endpoint { get; set; } = string.Empty;

    public string ContainerId { get; set; } = string.Empty;

    public string LanguageName { get; set; } = string.Empty;

    public string LanguageVersion { get; set; } = string.Empty;

    public string TracerVersion { get; set; } = string.Empty;

    public string RuntimeId { get; set; } = string.Empty;

    public KeyValue[] Tags { get; set; } = [];

    public string Env { get; set; } = string.Empty;

    public string Hostname { get; set; } = string.Empty;

    public string AppVersion { get; set; } = string.Empty;

    /// <summary><c>Datadog-Client-Computed-Top-Level</c> was sent: trust the tracer's <c>_dd.top_level</c>.</summary>
    public bool ClientComputedTopLevel { get; set; }

    /// <summary><c>Datadog-Client-Computed-Stats</c> was sent: the tracer sends its own stats to <c>/v0.6/stats</c>.</summary>
    public bool ClientComputedStats { get; set; }
}
