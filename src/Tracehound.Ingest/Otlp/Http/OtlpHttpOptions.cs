namespace Tracehound.Ingest.Otlp.Http;

/// <summary>Limits of the OTLP/HTTP receiver.</summary>
public sealed class OtlpHttpOptions
{
    /// <summary>Largest accepted body, before and after decompression (<c>--max-body-size</c>).</summary>
    public long MaxBodyBytes { get; set; } = 32L * 1024 * 1024;
}
