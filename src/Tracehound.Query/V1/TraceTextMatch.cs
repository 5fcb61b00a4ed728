using Tracehound.Model;

namespace Tracehound.Query.V1;

/// <summary>Whether a span contains a text (ordinal, ignoring case), for the search inside one trace.</summary>
internal static class TraceTextMatch
{
    public static bool Matches(Span span, TimelineFields fields, string text) =>
        Contains(span.Name, text) ||
        Contains(fields.Service, text) ||
        Contains(fields.Name, text) ||
        Contains(fields.Resource, text) ||
        Contains(fields.Type, text) ||
        Contains(span.SpanId.ToHex(), text) ||
        Contains(span.Attributes, text);

    private static bool Contains(KeyValue[] attributes, string text)
    {
        foreach (var kv in attributes)
        {
            if (Contains(kv.Key, text) || Contains(kv.Value.ToString(), text))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(string value, string text) => value.Contains(text, StringComparison.OrdinalIgnoreCase);
}
