using Tracehound.Model;

namespace Tracehound.Workload;

/// <summary>
/// Encodes spans as an OTLP <c>ExportTraceServiceRequest</c> (protobuf), hand-written like the
/// decoder: spans are grouped by their <see cref="Resource"/> and then <see cref="InstrumentationScope"/>
/// instance (first-seen order), one ResourceSpans / ScopeSpans per group, as SDKs and collectors send them.
/// </summary>
internal static class OtlpTraceRequestEncoder
{
    public static byte[] Encode(IReadOnlyList<Span> spans)
    {
        var request = new ProtobufBuffer(spans.Count * 600);
        foreach (var resourceGroup in spans.GroupBy(s => s.Resource))
        {
            var resourceSpans = request.BeginMessage();
            var resource = resourceSpans.BeginMessage();
            WriteAttributes(resource, 1, resourceGroup.Key.Attributes);
            WriteUInt32(resource, 2, resourceGroup.Key.DroppedAttributesCount);
            resourceSpans.EndMessage(1, resource);

            foreach (var scopeGroup in resourceGroup.GroupBy(s => s.Scope))
            {
                var scopeSpans = resourceSpans.BeginMessage();
                var scope = scopeSpans.BeginMessage();
                WriteString(scope, 1, scopeGroup.Key.Name);
                WriteString(scope, 2, scopeGroup.Key.Version);
                WriteAttributes(scope, 3, scopeGroup.Key.Attributes);
                WriteUInt32(scope, 4, scopeGroup.Key.DroppedAttributesCount);
                scopeSpans.EndMessage(1, scope);
                foreach (var span in scopeGroup)
                {
                    var message = scopeSpans.BeginMessage();
                    WriteSpan(message, span);
                    scopeSpans.EndMessage(2, message);
                }

                WriteString(scopeSpans, 3, scopeGroup.Key.SchemaUrl);
                resourceSpans.EndMessage(2, scopeSpans);
            }

            WriteString(resourceSpans, 3, resourceGroup.Key.SchemaUrl);
            request.EndMessage(1, resourceSpans);
        }

        return request.ToArray();
    }

    private static void WriteSpan(ProtobufBuffer output, Span span)
    {
        Span<byte> id = stackalloc byte[16];
        span.TraceId.WriteBytes(id);
        output.WriteBytes(1, id);
        span.SpanId.WriteBytes(id);
        output.WriteBytes(2, id[..8]);
        WriteString(output, 3, span.TraceState);
        if (!span.ParentSpanId.IsEmpty)
        {
            span.ParentSpanId.WriteBytes(id);
            output.WriteBytes(4, id[..8]);
        }

        WriteString(output, 5, span.Name);
        WriteUInt32(output, 6, (uint)span.Kind);
        output.WriteFixed64(7, (ulong)span.StartTimeUnixNano);
        output.WriteFixed64(8, (ulong)span.EndTimeUnixNano);
        WriteAttributes(output, 9, span.Attributes);
        WriteUInt32(output, 10, span.DroppedAttributesCount);
        foreach (var spanEvent in span.Events)
        {
            var message = output.BeginMessage();
            message.WriteFixed64(1, (ulong)spanEvent.TimeUnixNano);
            WriteString(message, 2, spanEvent.Name);
            WriteAttributes(message, 3, spanEvent.Attributes);
            WriteUInt32(message, 4, spanEvent.DroppedAttributesCount);
            output.EndMessage(11, message);
        }

        WriteUInt32(output, 12, span.DroppedEventsCount);
        foreach (var link in span.Links)
        {
            var message = output.BeginMessage();
            link.TraceId.WriteBytes(id);
            message.WriteBytes(1, id);
            link.SpanId.WriteBytes(id);
            message.WriteBytes(2, id[..8]);
            WriteString(message, 3, link.TraceState);
            WriteAttributes(message, 4, link.Attributes);
            WriteUInt32(message, 5, link.DroppedAttributesCount);
            if (link.Flags != 0)
            {
                message.WriteFixed32(6, link.Flags);
            }

            output.EndMessage(13, message);
        }

        WriteUInt32(output, 14, span.DroppedLinksCount);
        if (span.StatusCode != StatusCode.Unset || span.StatusMessage.Length > 0)
        {
            var status = output.BeginMessage();
            WriteString(status, 2, span.StatusMessage);
            WriteUInt32(status, 3, (uint)span.StatusCode);
            output.EndMessage(15, status);
        }

        if (span.Flags != 0)
        {
            output.WriteFixed32(16, span.Flags);
        }
    }

    internal static void WriteAttributes(ProtobufBuffer output, int field, KeyValue[] attributes)
    {
        foreach (var attribute in attributes)
        {
            var keyValue = output.BeginMessage();
            WriteKeyValue(keyValue, attribute);
            output.EndMessage(field, keyValue);
        }
    }

    private static void WriteKeyValue(ProtobufBuffer output, KeyValue attribute)
    {
        WriteString(output, 1, attribute.Key);
        var value = output.BeginMessage();
        WriteAnyValue(value, attribute.Value);
        output.EndMessage(2, value);
    }

    private static void WriteAnyValue(ProtobufBuffer output, AnyValue value)
    {
        switch (value.Type)
        {
            case AnyValueType.String:
                output.WriteString(1, value.AsString());
                break;
            case AnyValueType.Bool:
                output.WriteVarint(2, value.AsBool() ? 1UL : 0UL);
                break;
            case AnyValueType.Int:
                output.WriteVarint(3, (ulong)value.AsInt());
                break;
            case AnyValueType.Double:
                output.WriteDouble(4, value.AsDouble());
                break;
            case AnyValueType.Array:
                {
                    var array = output.BeginMessage();
                    foreach (var item in value.AsArray())
                    {
                        var itemMessage = array.BeginMessage();
                        WriteAnyValue(itemMessage, item);
                        array.EndMessage(1, itemMessage);
                    }

                    output.EndMessage(5, array);
                    break;
                }

            case AnyValueType.KeyValueList:
                {
                    var list = output.BeginMessage();
                    WriteAttributes(list, 1, value.AsKeyValueList());
                    output.EndMessage(6, list);
                    break;
                }

            case AnyValueType.Bytes:
                output.WriteBytes(7, value.AsBytes());
                break;
            default:
                break;
        }
    }

    internal static void WriteString(ProtobufBuffer output, int field, string value)
    {
        // proto3 leaves default values off the wire.
        if (value.Length > 0)
        {
            output.WriteString(field, value);
        }
    }

    internal static void WriteUInt32(ProtobufBuffer output, int field, uint value)
    {
        if (value != 0)
        {
            output.WriteVarint(field, value);
        }
    }
}
