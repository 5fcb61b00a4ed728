namespace Tracehound.Ingest.Datadog;

/// <summary>The Datadog agent's receiver limits, which tracers are built against.</summary>
internal static class DatadogLimits
{
    /// <summary><c>max_request_bytes</c>: 25 MiB.</summary>
    public const long MaxRequestBytes = 25L * 1024 * 1024;

    /// <summary>Largest array or map a payload may declare.</summary>
    public const int MaxCollectionEntries = 500_000;

    /// <summary>Total bytes of a v0.5 string dictionary.</summary>
    public const long MaxDictionaryBytes = 25_000_000;

    /// <summary>One <c>meta_struct</c> value (itself msgpack) at most.</summary>
    public const int MaxMetaStructValueBytes = 10 * 1024 * 1024;

    /// <summary>Nesting allowed inside skipped values and JSON-in-meta.</summary>
    public const int MaxDepth = 64;
}
