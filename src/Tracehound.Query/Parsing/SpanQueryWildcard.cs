namespace Tracehound.Query.Parsing;

/// <summary>An unquoted value with <c>*</c> (any run of characters) or <c>?</c> (one character).</summary>
internal sealed record SpanQueryWildcard(WildcardPattern Pattern) : SpanQueryValue;
