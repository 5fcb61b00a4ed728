namespace Tracehound.Query.Parsing;

/// <summary>
/// A node of a parsed span query: <see cref="SpanQueryAnd"/>, <see cref="SpanQueryOr"/>,
/// <see cref="SpanQueryNot"/> or a leaf <see cref="SpanQueryTerm"/>. An empty query is an empty AND.
/// </summary>
internal abstract record SpanQueryNode;
