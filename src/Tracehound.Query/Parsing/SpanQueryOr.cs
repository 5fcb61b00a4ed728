namespace Tracehound.Query.Parsing;

/// <summary>At least one operand holds (<c>OR</c>).</summary>
internal sealed record SpanQueryOr(IReadOnlyList<SpanQueryNode> Operands) : SpanQueryNode
{
    public bool Equals(SpanQueryOr? other) => other is not null && Operands.SequenceEqual(other.Operands);

    public override int GetHashCode() => Operands.Count;
}
