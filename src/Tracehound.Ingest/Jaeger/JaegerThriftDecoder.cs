using Tracehound.Ingest.Jaeger.Thrift;
using Tracehound.Model;

namespace Tracehound.Ingest.Jaeger;

/// <summary>
/// Decodes Jaeger's Thrift IDL (<c>jaeger.thrift</c>: Batch, Process, Span, SpanRef, Tag, Log) into
/// the model, over either protocol: a bare <c>Batch</c> (collector HTTP) or the agent's
/// <c>emitBatch</c> oneway message (UDP). Unknown fields are skipped, so newer clients still decode.
/// </summary>
internal static class JaegerThriftDecoder
{
    /// <summary>A bare <c>Batch</c> struct, as <c>POST /api/traces</c> carries it.</summary>
    public static SpanBatch DecodeBatch(ThriftReader reader)
    {
        var batch = ReadBatch(reader);
        return batch;
    }

    /// <summary>An agent datagram: the <c>Agent.emitBatch(1: Batch batch)</c> message.</summary>
    public static SpanBatch DecodeEmitBatch(ThriftReader reader)
    {
        var header = reader.ReadMessageBegin();
        if (header.Name != "emitBatch")
        {
            throw new ThriftDecodeException($"unsupported agent call '{header.Name}' (only emitBatch is accepted)");
        }

        if (header.MessageType is not (ThriftMessageHeader.Oneway or ThriftMessageHeader.Call))
        {
            throw new ThriftDecodeException($"emitBatch sent as message type {header.MessageType}, not a call");
        }

        SpanBatch? batch = null;
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin(out var type, out var id))
        {
            if (id == 1 && type == ThriftType.Struct)
            {
                batch = ReadBatch(reader);
            }
            else
            {
                reader.Skip(type);
            }
        }

        reader.ReadStructEnd();
        return batch ?? throw new ThriftDecodeException("emitBatch without a batch argument");
    }

    private static SpanBatch ReadBatch(ThriftReader reader)
    {
        var batch = new SpanBatch();
        Resource? resource = null;
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin(out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.Struct:
                    resource = ReadProcess(reader);
                    break;
                case 2 when type == ThriftType.List:
                    var elementType = reader.ReadListBegin(out var count);
                    if (elementType != ThriftType.Struct && count > 0)
                    {
                        throw new ThriftDecodeException($"Batch.spans holds thrift type {(byte)elementType}, not structs");
                    }

                    batch.Spans.Capacity = count;
                    for (var i = 0; i < count; i++)
                    {
                        var span = JaegerSpanReader.Read(reader, out var rejection);
                        if (span is null)
                        {
                            batch.Reject(1, rejection);
                        }
                        else
                        {
                            batch.Spans.Add(span);
                        }
                    }

                    reader.ReadCollectionEnd();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.ReadStructEnd();
        if (resource is null)
        {
            throw new ThriftDecodeException("the Batch has no Process (it is a required field)");
        }

        foreach (var span in batch.Spans)
        {
            span.Resource = resource;
        }

        return batch;
    }

    private static Resource ReadProcess(ThriftReader reader)
    {
        var serviceName = string.Empty;
        List<KeyValue>? tags = null;
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin(out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.String:
                    serviceName = reader.ReadString();
                    break;
                case 2 when type == ThriftType.List:
                    tags = JaegerTagReader.ReadList(reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.ReadStructEnd();
        var attributes = new KeyValue[1 + (tags?.Count ?? 0)];
        attributes[0] = KeyValue.String("service.name", serviceName.Length > 0 ? serviceName : Resource.UnknownServiceName);
        tags?.CopyTo(attributes, 1);
        return new Resource(attributes);
    }
}
