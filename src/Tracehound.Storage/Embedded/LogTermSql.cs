using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Tracehound.Model;

namespace Tracehound.Storage.Embedded;

/// <summary>
/// Turns log query terms into SQL conditions on the <c>logs</c> table that never drop a record for
/// which the term holds (the caller re-checks every record). Exact for <c>service:</c> and resource
/// attributes (decided on the in-memory catalog, inlined as resource id lists), <c>status:</c> and
/// <c>trace_id:</c>; a superset for text and <c>@attribute:</c> terms, which are searched in the
/// stored JSON text without parsing it.
/// </summary>
/// <remarks>
/// Why a text search on the raw JSON is safe: the body is stored as a JSON value written with
/// relaxed escaping, so every printable ASCII character but <c>"</c> and <c>\</c> appears as itself
/// and those two as <c>\"</c> and <c>\\</c>. .NET's <see cref="StringComparison.OrdinalIgnoreCase"/>
/// never equates a non-ASCII character with an ASCII one (a unit test checks this over all of
/// Unicode), so a message that contains a printable-ASCII term ignoring case holds the term's
/// characters, ASCII, escaped the same way, in its JSON text, where <c>ILIKE</c> finds them.
/// Numbers and booleans are stored as the text .NET shows (a double may gain a ".0", which only
/// adds matches); structured values (<c>{</c> or <c>[</c>) are shown differently, so they always
/// pass to the caller. Terms with other characters are not pushed down.
/// </remarks>
internal static class LogTermSql
{
    /// <summary>The condition for one term, or null when the store cannot narrow by it.</summary>
    /// <param name="storedHigh">The high half a record stored with only the given low 64 bits is read back with, if a stored trace has them.</param>
    public static string? Condition(LogQueryTerm term, List<object> parameters, ResourceCatalog catalog, Func<ulong, ulong?> storedHigh)
    {
        var parametersBefore = parameters.Count;
        var condition = term.Kind switch
        {
            LogQueryTermKind.Service => ResourceIn(catalog.FindResources(r => LogValuePattern.Matches(r.ServiceName, term.Value))),
            LogQueryTermKind.Status => Severity(term, parameters),
            LogQueryTermKind.TraceId => Trace(term, parameters, storedHigh),
            LogQueryTermKind.Text => term.Negated ? NotText(term.Value, parameters) : Text(term.Value, parameters),
            LogQueryTermKind.Attribute => Attribute(term, parameters, catalog),
            _ => null,
        };

        // Text and attribute terms build their own negation (a superset of the records where it holds).
        var negatesItself = term.Kind is LogQueryTermKind.Text or LogQueryTermKind.Attribute;
        if (condition is null)
        {
            parameters.RemoveRange(parametersBefore, parameters.Count - parametersBefore);
        }

        return condition is null || !term.Negated || negatesItself ? condition : $"NOT ({condition})";
    }

    private static string ResourceIn(List<ulong> ids) =>
        ids.Count == 0 ? "FALSE" : $"resource_id IN ({string.Join(", ", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)))})";

    private static string Severity(LogQueryTerm term, List<object> parameters)
    {
        parameters.Add(term.MinSeverity);
        parameters.Add(term.MaxSeverity);
        return string.Create(CultureInfo.InvariantCulture, $"severity BETWEEN ${parameters.Count - 1} AND ${parameters.Count}");
    }

    /// <summary>
    /// Records whose trace id, as read back (see <see cref="EmbeddedTraceStore"/>'s low-64 resolution),
    /// is in either lookup: low bits only — any record with those bits; a full id — records with it,
    /// and records stored with only its low bits unless those bits resolve to another stored trace.
    /// </summary>
    private static string Trace(LogQueryTerm term, List<object> parameters, Func<ulong, ulong?> storedHigh)
    {
        var condition = Lookup(term.Trace, parameters, storedHigh);
        return term.TraceFallback is { } fallback ? $"({condition}) OR ({Lookup(fallback, parameters, storedHigh)})" : condition;
    }

    private static string Lookup(TraceLookup lookup, List<object> parameters, Func<ulong, ulong?> storedHigh)
    {
        parameters.Add(lookup.Id.Low);
        var low = parameters.Count;
        if (lookup.LowBitsOnly)
        {
            return string.Create(CultureInfo.InvariantCulture, $"trace_lo = ${low}");
        }

        parameters.Add(lookup.Id.High);
        var high = storedHigh(lookup.Id.Low);
        var lowOnlyRecordsJoin = high is null || high == 0 || high == lookup.Id.High;
        return lowOnlyRecordsJoin
            ? string.Create(CultureInfo.InvariantCulture, $"trace_lo = ${low} AND trace_hi IN (${low + 1}, 0)")
            : string.Create(CultureInfo.InvariantCulture, $"trace_lo = ${low} AND trace_hi = ${low + 1}");
    }

    /// <summary>Records whose message may contain <paramref name="text"/>: its JSON text does, or it is structured.</summary>
    private static string? Text(string text, List<object> parameters)
    {
        if (text.Length == 0 || !IsPrintableAscii(text))
        {
            return null;
        }

        parameters.Add(LikeContains(JsonStringContent(text)));
        return string.Create(CultureInfo.InvariantCulture, $"(body ILIKE ${parameters.Count} ESCAPE '\\' OR prefix(body, '{{') OR prefix(body, '['))");
    }

    /// <summary>
    /// Records whose message may not contain <paramref name="text"/>: all but those that surely do —
    /// a string message in plain ASCII with no escapes, whose JSON text is the message in quotes.
    /// </summary>
    private static string? NotText(string text, List<object> parameters)
    {
        if (text.Length == 0)
        {
            return "FALSE";
        }

        if (!IsPrintableAscii(text) || text.Contains('"') || text.Contains('\\'))
        {
            return null;
        }

        parameters.Add(LikeContains(text));
        return string.Create(CultureInfo.InvariantCulture,
            $"NOT coalesce(prefix(body, '\"') AND NOT contains(body, '\\') AND strlen(body) = length(body) AND body ILIKE ${parameters.Count} ESCAPE '\\', FALSE)");
    }

    /// <summary>
    /// <c>@name:value</c> holds for a log attribute of that name whose value matches, or, when the
    /// record has no attribute of that name, for a matching resource attribute (exact, from the catalog).
    /// </summary>
    private static string? Attribute(LogQueryTerm term, List<object> parameters, ResourceCatalog catalog)
    {
        var resources = catalog.FindResources(r => HasMatch(r.Attributes, term));
        parameters.Add('"' + JsonStringContent(term.Name) + "\":");
        var key = parameters.Count;
        if (term.Negated)
        {
            // Without the key in its JSON text a record has no such attribute: the term is then the resource's.
            return resources.Count == 0
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"(coalesce(contains(attributes, ${key}), FALSE) OR NOT {ResourceIn(resources)})");
        }

        var value = term.Value.EndsWith('*') ? term.Value[..^1] : term.Value;
        string own;
        if (value.Length == 0)
        {
            own = string.Create(CultureInfo.InvariantCulture, $"contains(attributes, ${key})");
        }
        else if (IsPrintableAscii(value))
        {
            parameters.Add(LikeContains(JsonStringContent(value)));
            own = string.Create(CultureInfo.InvariantCulture,
                $"contains(attributes, ${key}) AND (attributes ILIKE ${parameters.Count} ESCAPE '\\' OR contains(attributes, ${key} || '[') OR contains(attributes, ${key} || '{{'))");
        }
        else
        {
            own = string.Create(CultureInfo.InvariantCulture, $"contains(attributes, ${key})");
        }

        return resources.Count == 0 ? $"coalesce({own}, FALSE)" : $"(coalesce({own}, FALSE) OR {ResourceIn(resources)})";
    }

    private static bool HasMatch(KeyValue[] attributes, LogQueryTerm term)
    {
        foreach (var kv in attributes)
        {
            if (kv.Key == term.Name && LogValuePattern.Matches(kv.Value.ToString(), term.Value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPrintableAscii(string text)
    {
        foreach (var c in text)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The text as the store writes it inside a JSON string (same encoder), without the quotes.</summary>
    private static string JsonStringContent(string text)
    {
        var buffer = new ArrayBufferWriter<byte>(text.Length + 8);
        using (var writer = new Utf8JsonWriter(buffer, TypedJson.WriterOptions))
        {
            writer.WriteStringValue(text);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan[1..^1]);
    }

    /// <summary>An ILIKE pattern (escape character <c>\</c>) for text containing <paramref name="text"/>.</summary>
    private static string LikeContains(string text)
    {
        var pattern = new StringBuilder(text.Length + 4).Append('%');
        foreach (var c in text)
        {
            if (c is '%' or '_' or '\\')
            {
                pattern.Append('\\');
            }

            pattern.Append(c);
        }

        return pattern.Append('%').ToString();
    }
}
