namespace Tracehound.Ingest.Jaeger.Thrift;

/// <summary>Caps on what a Thrift payload may declare, checked before anything is allocated.</summary>
internal static class ThriftLimits
{
    /// <summary>One string or binary value at most (a stack trace or SQL statement fits easily).</summary>
    public const int MaxStringBytes = 1024 * 1024;

    /// <summary>Elements of one list, set or map at most.</summary>
    public const int MaxCollectionElements = 1_000_000;

    /// <summary>Struct/collection nesting allowed (Jaeger's schema needs 4; skipped unknown fields may nest more).</summary>
    public const int MaxDepth = 32;
}
