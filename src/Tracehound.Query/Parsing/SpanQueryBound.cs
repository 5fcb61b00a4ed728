namespace Tracehound.Query.Parsing;

/// <summary>
/// One end of a range as written, and as a number when it reads as one (for <c>@duration</c>: the
/// nanoseconds of <c>1s</c>, <c>250ms</c>, or a bare number of nanoseconds).
/// </summary>
internal sealed record SpanQueryBound(string Text, double? Number);
