namespace Tracehound.Query.Parsing;

/// <summary>
/// One term of a span query: <c>[-]field:value</c>. <see cref="Field"/> is a reserved name
/// (<c>service</c>, <c>resource_name</c>, <c>operation_name</c>, <c>type</c>, <c>env</c>, <c>status</c>)
/// or <c>@attribute</c>; <c>@duration</c> takes a comparison (<see cref="Comparison"/>) and a duration.
/// </summary>
internal sealed record SpanQueryTerm(string Field, string Value, bool Negated, SpanQueryComparison Comparison = SpanQueryComparison.Equal, long DurationNanos = 0);
