namespace Tracehound.Query.Parsing;

/// <summary>What a term's value must be: <see cref="SpanQueryExact"/>, <see cref="SpanQueryWildcard"/> or <see cref="SpanQueryRange"/>.</summary>
internal abstract record SpanQueryValue;
