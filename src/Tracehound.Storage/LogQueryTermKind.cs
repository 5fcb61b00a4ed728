namespace Tracehound.Storage;

public enum LogQueryTermKind
{
    /// <summary>Free text or a quoted phrase, searched in the message (case-insensitive).</summary>
    Text,

    /// <summary><c>service:</c> — the resource's <c>service.name</c> (<see cref="LogValuePattern"/>).</summary>
    Service,

    /// <summary><c>status:</c> — a severity number range.</summary>
    Status,

    /// <summary><c>trace_id:</c> — one or two trace lookups.</summary>
    TraceId,

    /// <summary><c>@name:value</c>: a log attribute (or, when the record has none of that name, a resource attribute).</summary>
    Attribute,
}
