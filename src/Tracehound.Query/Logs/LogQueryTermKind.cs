namespace Tracehound.Query.Logs;

internal enum LogQueryTermKind
{
    /// <summary>Free text or a quoted phrase, searched in the message (case-insensitive).</summary>
    Text,
    Service,
    Status,
    TraceId,

    /// <summary><c>@name:value</c>: a log attribute (or, when the record has none of that name, a resource attribute).</summary>
    Attribute,
}
