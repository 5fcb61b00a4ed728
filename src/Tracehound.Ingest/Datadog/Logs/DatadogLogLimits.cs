namespace Tracehound.Ingest.Datadog.Logs;

/// <summary>
/// The limits of Datadog's HTTP log intake (<c>POST /api/v2/logs</c>), which log shippers are built
/// against: 5 MB per payload (uncompressed, else 413), 1 MB per log (a bigger log is accepted and
/// truncated), 1000 entries per array (else 413).
/// </summary>
internal static class DatadogLogLimits
{
    /// <summary>Largest payload after decompression. MiB rather than MB: a client that keeps to 5,000,000 bytes fits.</summary>
    public const long MaxPayloadBytes = 5L * 1024 * 1024;

    /// <summary>Beyond this many bytes of JSON, a log's strings are cut and its remaining attributes dropped.</summary>
    public const int MaxLogBytes = 1024 * 1024;

    /// <summary>Most entries one array may hold.</summary>
    public const int MaxEntries = 1000;

    /// <summary>How deep an entry's nested objects and arrays may go.</summary>
    public const int MaxDepth = 64;
}
