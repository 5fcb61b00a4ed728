namespace Tracehound.Hosting;

/// <summary>One file of the built web UI, held in memory with its gzip form (when smaller) and validator.</summary>
internal sealed record WebUiAsset(byte[] Body, byte[]? Gzip, string ContentType, string ETag, bool Immutable);
