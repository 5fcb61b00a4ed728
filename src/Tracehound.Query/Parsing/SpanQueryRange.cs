namespace Tracehound.Query.Parsing;

/// <summary>
/// The value lies between two bounds (<c>[400 TO 499]</c>, <c>{a TO b}</c>) or on one side of one
/// (<c>&gt;=500</c>, <c>&lt;1s</c>); a null bound is open. Numbers compare as numbers, other text ordinally.
/// </summary>
internal sealed record SpanQueryRange(SpanQueryBound? Lower, bool LowerInclusive, SpanQueryBound? Upper, bool UpperInclusive) : SpanQueryValue;
