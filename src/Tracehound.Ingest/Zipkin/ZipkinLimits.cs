namespace Tracehound.Ingest.Zipkin;

/// <summary>Caps on what a Zipkin payload may hold.</summary>
internal static class ZipkinLimits
{
    /// <summary>JSON nesting allowed (spans need 4 levels).</summary>
    public const int MaxJsonDepth = 16;

    /// <summary>Spans in one request at most.</summary>
    public const int MaxSpans = 1_000_000;
}
