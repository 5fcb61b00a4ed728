using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tracehound.Query.Parsing;

/// <summary>
/// Reads tag conditions of a Jaeger search: repeated <c>tag=key:value</c> and <c>tags=</c> as a JSON
/// object (<c>{"http.status_code":"500"}</c>, Jaeger's and Grafana's form) or as logfmt
/// (<c>error=true http.method="GET"</c>, what people type into Jaeger UI). Later conditions on the same
/// key replace earlier ones, as in Jaeger.
/// </summary>
internal static class TagParser
{
    public static List<KeyValuePair<string, string>> Parse(IEnumerable<string?> tagValues, IEnumerable<string?> tagsValues)
    {
        var tags = new List<KeyValuePair<string, string>>();
        foreach (var tag in tagValues)
        {
            if (tag is null)
            {
                continue;
            }

            var colon = tag.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new QueryParameterException($"malformed 'tag' parameter, expecting key:value, received: {tag}");
            }

            Set(tags, tag[..colon], tag[(colon + 1)..]);
        }

        foreach (var value in tagsValues)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (value.AsSpan().TrimStart().StartsWith("{"))
            {
                ParseJson(value, tags);
            }
            else
            {
                ParseLogfmt(value, tags);
            }
        }

        return tags;
    }

    private static void ParseJson(string json, List<KeyValuePair<string, string>> tags)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new QueryParameterException("malformed 'tags' parameter, expecting a JSON object");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                // Jaeger wants string values; numbers and booleans are taken as the text they are.
                var text = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.Number => property.Value.GetRawText(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => throw new QueryParameterException(
                        $"malformed 'tags' parameter, the value of '{property.Name}' must be a string, number or boolean"),
                };
                Set(tags, property.Name, text);
            }
        }
        catch (JsonException ex)
        {
            throw new QueryParameterException($"malformed 'tags' parameter, cannot parse JSON: {ex.Message}", ex);
        }
    }

    /// <summary>logfmt: <c>key=value</c> pairs separated by spaces, values optionally double-quoted with backslash escapes; a bare key means <c>true</c>.</summary>
    private static void ParseLogfmt(string text, List<KeyValuePair<string, string>> tags)
    {
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                return;
            }

            var keyStart = i;
            while (i < text.Length && text[i] != '=' && !char.IsWhiteSpace(text[i]))
            {
                if (text[i] == '"')
                {
                    throw new QueryParameterException($"malformed 'tags' parameter, unexpected quote in a key at position {i}");
                }

                i++;
            }

            var key = text[keyStart..i];
            if (key.Length == 0)
            {
                throw new QueryParameterException($"malformed 'tags' parameter, missing key at position {i}");
            }

            if (i >= text.Length || text[i] != '=')
            {
                Set(tags, key, "true");
                continue;
            }

            i++; // '='
            string value;
            if (i < text.Length && text[i] == '"')
            {
                value = ReadQuoted(text, ref i);
            }
            else
            {
                var valueStart = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                value = text[valueStart..i];
            }

            Set(tags, key, value);
        }
    }

    private static string ReadQuoted(string text, ref int i)
    {
        var start = i;
        i++; // opening quote
        var value = new StringBuilder();
        while (i < text.Length)
        {
            var c = text[i++];
            if (c == '"')
            {
                return value.ToString();
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (i >= text.Length)
            {
                break;
            }

            var escaped = text[i++];
            value.Append(escaped switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                _ => escaped,
            });
        }

        throw new QueryParameterException(string.Create(CultureInfo.InvariantCulture, $"malformed 'tags' parameter, unterminated quoted value starting at position {start}"));
    }

    private static void Set(List<KeyValuePair<string, string>> tags, string key, string value)
    {
        for (var i = 0; i < tags.Count; i++)
        {
            if (tags[i].Key == key)
            {
                tags[i] = new(key, value);
                return;
            }
        }

        tags.Add(new(key, value));
    }
}
