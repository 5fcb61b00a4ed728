namespace Tracehound.Query.Parsing;

/// <summary>
/// A leaf of a span query: <c>field:value</c>, or free text when <see cref="Field"/> is null.
/// <see cref="Field"/> is a reserved name (<c>service</c>, <c>env</c>, <c>resource_name</c>,
/// <c>operation_name</c>, <c>type</c>, <c>status</c>, <c>trace_id</c>, <c>span_id</c>), an attribute
/// (<c>@key</c>, including <c>@duration</c>) or a tag key (any other name, looked up like an attribute).
/// </summary>
internal sealed record SpanQueryTerm(string? Field, SpanQueryValue Value) : SpanQueryNode;
