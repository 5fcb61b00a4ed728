using System.Text;
using Tracehound.Model;

namespace Tracehound.Tests.Otlp.Json;

/// <summary>
/// Renders everything a decoded batch holds as text, so two decodings can be compared whole
/// (types included: an int 1 and a string "1" render differently).
/// </summary>
internal static class SpanBatchText
{
    public static string Describe(SpanBatch batch)
    {
        var text = new StringBuilder();
        text.Append("rejected ").Append(batch.RejectedSpans).Append(' ').AppendLine(batch.RejectionMessage);
        foreach (var span in batch.Spans)
        {
            text.Append("span ").Append(span.TraceId).Append(' ').Append(span.SpanId).Append(" parent ").Append(span.ParentSpanId)
                .Append(" state '").Append(span.TraceState).Append("' flags ").Append(span.Flags)
                .Append(" name '").Append(span.Name).Append("' kind ").Append(span.Kind)
                .Append(" time ").Append(span.StartTimeUnixNano).Append('-').Append(span.EndTimeUnixNano)
                .Append(" status ").Append(span.StatusCode).Append(" '").Append(span.StatusMessage).Append('\'')
                .Append(" dropped ").Append(span.DroppedAttributesCount).Append('/').Append(span.DroppedEventsCount).Append('/').Append(span.DroppedLinksCount)
                .AppendLine();
            Attributes(text, "  attr ", span.Attributes);
            foreach (var e in span.Events)
            {
                text.Append("  event ").Append(e.TimeUnixNano).Append(" '").Append(e.Name).Append("' dropped ").Append(e.DroppedAttributesCount).AppendLine();
                Attributes(text, "    attr ", e.Attributes);
            }

            foreach (var link in span.Links)
            {
                text.Append("  link ").Append(link.TraceId).Append(' ').Append(link.SpanId).Append(" state '").Append(link.TraceState)
                    .Append("' flags ").Append(link.Flags).Append(" dropped ").Append(link.DroppedAttributesCount).AppendLine();
                Attributes(text, "    attr ", link.Attributes);
            }

            text.Append("  resource dropped ").Append(span.Resource.DroppedAttributesCount).Append(" schema '").Append(span.Resource.SchemaUrl).AppendLine("'");
            Attributes(text, "    attr ", span.Resource.Attributes);
            text.Append("  scope '").Append(span.Scope.Name).Append("' '").Append(span.Scope.Version).Append("' dropped ")
                .Append(span.Scope.DroppedAttributesCount).Append(" schema '").Append(span.Scope.SchemaUrl).AppendLine("'");
            Attributes(text, "    attr ", span.Scope.Attributes);
        }

        return text.ToString();
    }

    private static void Attributes(StringBuilder text, string prefix, KeyValue[] attributes)
    {
        foreach (var kv in attributes)
        {
            text.Append(prefix).Append(kv.Key).Append(" = ").Append(kv.Value.Type).Append(' ').Append(AnyValueJson.ToJson(kv.Value)).AppendLine();
        }
    }
}
