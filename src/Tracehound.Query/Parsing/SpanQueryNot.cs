namespace Tracehound.Query.Parsing;

/// <summary>The operand does not hold (<c>NOT x</c> or <c>-x</c>).</summary>
internal sealed record SpanQueryNot(SpanQueryNode Operand) : SpanQueryNode;
