namespace Tracehound.Query.Parsing;

/// <summary>How a <c>@duration</c> term compares.</summary>
internal enum SpanQueryComparison
{
    Equal,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
}
