namespace Tracehound.Storage;

/// <summary>
/// A position in the newest-first span order (start descending, then span id ascending): the last
/// span of a page, so the next page starts right after it without re-reading skipped rows.
/// </summary>
public readonly record struct SpanSearchCursor(long StartUnixNano, ulong SpanId);
