namespace Tracehound.Query.Parsing;

/// <summary>Every operand holds (explicit <c>AND</c> or terms side by side); no operands: always true.</summary>
internal sealed record SpanQueryAnd(IReadOnlyList<SpanQueryNode> Operands) : SpanQueryNode
{
    public bool Equals(SpanQueryAnd? other) => other is not null && Operands.SequenceEqual(other.Operands);

    public override int GetHashCode() => Operands.Count;
}
