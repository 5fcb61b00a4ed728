namespace Tracehound.Query.Parsing;

/// <summary>A malformed request parameter; handlers answer it with 400 and <see cref="Exception.Message"/> as the reason.</summary>
internal sealed class QueryParameterException : Exception
{
    public QueryParameterException(string message)
        : base(message)
    {
    }

    public QueryParameterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public QueryParameterException()
    {
    }

    /// <summary>Where in the parameter the problem is (1-based character position), when it has one.</summary>
    public int? Position { get; init; }
}
