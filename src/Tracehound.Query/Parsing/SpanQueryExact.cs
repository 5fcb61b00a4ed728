namespace Tracehound.Query.Parsing;

/// <summary>The value equals <see cref="Text"/> (a quoted value, or an unquoted one without wildcards).</summary>
internal sealed record SpanQueryExact(string Text) : SpanQueryValue;
