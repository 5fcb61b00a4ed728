namespace Tracehound.Processing.Normalization;

/// <summary>The agent's normalization and truncation limits (spec §4, §10), in UTF-8 bytes.</summary>
internal static class DatadogLimits
{
    public const int MaxServiceLength = 100;
    public const int MaxNameLength = 100;
    public const int MaxTypeLength = 100;
    public const int MaxResourceLength = 5000;
    public const int MaxMetaKeyLength = 200;
    public const int MaxMetaValueLength = 25_000;
    public const int MaxMetricsKeyLength = 200;

    /// <summary>2000-01-01T00:00:00Z: an earlier start is a clock or unit error.</summary>
    public const long MinStartUnixNano = 946_684_800_000_000_000;

    public const string FallbackName = "unnamed_operation";

    public const string TruncationSuffix = "...";
}
