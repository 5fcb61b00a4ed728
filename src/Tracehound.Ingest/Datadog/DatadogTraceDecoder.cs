using System.Buffers;
using System.Text.Json;
using MessagePack;
using Tracehound.Ingest.Text;
using Tracehound.Model;

namespace Tracehound.Ingest.Datadog;

/// <summary>
/// Streaming decoders for the Datadog trace endpoints, straight into the model. Any error — a
/// truncated or corrupt body, a limit passed, an index out of range — throws
/// <see cref="DatadogDecodeException"/> and nothing of the request is kept.
/// </summary>
internal static class DatadogTraceDecoder
{
    /// <summary>v0.3 / v0.4 msgpack: array of traces, each an array of span maps.</summary>
    public static SpanBatch DecodeV04(ReadOnlySequence<byte> body, DatadogPayloadInfo payload) => Guard(body, payload, static (ref MessagePackReader reader, DatadogBatchBuilder builder) =>
    {
        var draft = new DatadogSpanDraft();
        var traces = MsgPackValues.ReadArrayHeader(ref reader);
        for (var t = 0; t < traces; t++)
        {
            builder.BeginChunk(null);
            var spans = MsgPackValues.ReadArrayHeader(ref reader);
            for (var s = 0; s < spans; s++)
            {
                DatadogMsgPackSpanReader.Read(ref reader, draft);
                builder.AddSpan(draft);
            }

            builder.EndChunk();
        }
    });

    /// <summary>v0.5: <c>[dictionary, traces]</c>, each span a 12-element array of dictionary indexes and numbers.</summary>
    public static SpanBatch DecodeV05(ReadOnlySequence<byte> body, DatadogPayloadInfo payload) => Guard(body, payload, static (ref MessagePackReader reader, DatadogBatchBuilder builder) =>
    {
        if (reader.NextMessagePackType != MessagePackType.Array || MsgPackValues.ReadArrayHeader(ref reader) != 2)
        {
            throw new DatadogDecodeException("a v0.5 payload is an array of 2 elements: [dictionary, traces]");
        }

        var dictionary = ReadDictionary(ref reader);
        var draft = new DatadogSpanDraft();
        var traces = MsgPackValues.ReadArrayHeader(ref reader);
        for (var t = 0; t < traces; t++)
        {
            builder.BeginChunk(null);
            var spans = MsgPackValues.ReadArrayHeader(ref reader);
            for (var s = 0; s < spans; s++)
            {
                ReadV05Span(ref reader, dictionary, draft);
                builder.AddSpan(draft);
            }

            builder.EndChunk();
        }
    });

    /// <summary>v0.7: one TracerPayload map with explicit chunks.</summary>
    public static SpanBatch DecodeV07(ReadOnlySequence<byte> body, DatadogPayloadInfo payload) => Guard(body, payload, static (ref MessagePackReader reader, DatadogBatchBuilder builder) =>
    {
        // The payload fields may come after the chunks, so spans are collected first and the
        // payload info (shared by reference) is filled in as its keys appear.
        var info = builder.Payload;
        var draft = new DatadogSpanDraft();
        var fields = MsgPackValues.ReadMapHeader(ref reader);
        for (var f = 0; f < fields; f++)
        {
            switch (MsgPackValues.ReadString(ref reader, Utf8StringCache.Names))
            {
                case "container_id": info.ContainerId = MsgPackValues.ReadString(ref reader, Utf8StringCache.Values); break;
                case "language_name": info.LanguageName = MsgPackValues.ReadString(ref reader, Utf8StringCache.Names); break;
                case "language_version": info.LanguageVersion = MsgPackValues.ReadString(ref reader, Utf8StringCache.Names); break;
                case "tracer_version": info.TracerVersion = MsgPackValues.ReadString(ref reader, Utf8StringCache.Names); break;
                case "runtime_id": info.RuntimeId = MsgPackValues.ReadString(ref reader, Utf8StringCache.Values); break;
                case "env": info.Env = MsgPackValues.ReadString(ref reader, Utf8StringCache.Names); break;
                case "hostname": info.Hostname = MsgPackValues.ReadString(ref reader, Utf8StringCache.Names); break;
                case "app_version": info.AppVersion = MsgPackValues.ReadString(ref reader, Utf8StringCache.Names); break;
                case "tags":
                    var tags = new List<KeyValue>();
                    DatadogMsgPackSpanReader.ReadMeta(ref reader, tags);
                    info.Tags = [.. tags];
                    break;
                case "chunks":
                    var chunks = MsgPackValues.ReadArrayHeader(ref reader);
                    for (var c = 0; c < chunks; c++)
                    {
                        ReadV07Chunk(ref reader, builder, draft);
                    }

                    break;
                default: MsgPackValues.Skip(ref reader); break;
            }
        }
    });

    /// <summary>v0.3 / v0.4 JSON: the same shape as msgpack.</summary>
    public static SpanBatch DecodeJson(ReadOnlySequence<byte> body, DatadogPayloadInfo payload)
    {
        var builder = new DatadogBatchBuilder(payload);
        try
        {
            DatadogJsonTraceReader.Read(body, builder);
        }
        catch (JsonException ex)
        {
            throw new DatadogDecodeException($"invalid JSON: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new DatadogDecodeException($"invalid JSON: {ex.Message}", ex);
        }

        return builder.Build();
    }

    private delegate void BodyReader(ref MessagePackReader reader, DatadogBatchBuilder builder);

    private static SpanBatch Guard(ReadOnlySequence<byte> body, DatadogPayloadInfo payload, BodyReader read)
    {
        var builder = new DatadogBatchBuilder(payload);
        var reader = new MessagePackReader(body);
        try
        {
            read(ref reader, builder);
            if (!reader.End)
            {
                throw new DatadogDecodeException($"{body.Length - reader.Consumed} unexpected bytes after the payload");
            }
        }
        catch (EndOfStreamException ex)
        {
            throw new DatadogDecodeException($"unexpected-eof: the msgpack body is truncated ({ex.Message})", ex);
        }
        catch (MessagePackSerializationException ex)
        {
            throw new DatadogDecodeException($"invalid msgpack: {ex.Message}", ex);
        }
        catch (OverflowException ex)
        {
            throw new DatadogDecodeException($"a number is out of range: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new DatadogDecodeException($"invalid msgpack: {ex.Message}", ex);
        }

        return builder.Build();
    }

    private static string[] ReadDictionary(ref MessagePackReader reader)
    {
        var count = MsgPackValues.ReadArrayHeader(ref reader);
        var dictionary = new string[count];
        long bytes = 0;
        for (var i = 0; i < count; i++)
        {
            var start = reader.Consumed;
            dictionary[i] = MsgPackValues.ReadString(ref reader, Utf8StringCache.Values);
            bytes += reader.Consumed - start;
            if (bytes > DatadogLimits.MaxDictionaryBytes)
            {
                throw new DatadogDecodeException($"the v0.5 string dictionary is over the limit of {DatadogLimits.MaxDictionaryBytes} bytes");
            }
        }

        return dictionary;
    }

    private static void ReadV05Span(ref MessagePackReader reader, string[] dictionary, DatadogSpanDraft draft)
    {
        draft.Reset();
        if (reader.NextMessagePackType != MessagePackType.Array)
        {
            throw new DatadogDecodeException($"a v0.5 span is an array of 12 elements, found {reader.NextMessagePackType}");
        }

        var elements = MsgPackValues.ReadArrayHeader(ref reader);
        if (elements != 12)
        {
            throw new DatadogDecodeException($"a v0.5 span is an array of 12 elements, found {elements}");
        }

        draft.Service = Lookup(ref reader, dictionary);
        draft.Name = Lookup(ref reader, dictionary);
        draft.Resource = Lookup(ref reader, dictionary);
        draft.TraceId = MsgPackValues.ReadUInt64(ref reader);
        draft.SpanId = MsgPackValues.ReadUInt64(ref reader);
        draft.ParentId = MsgPackValues.ReadUInt64(ref reader);
        draft.Start = MsgPackValues.ReadInt64(ref reader);
        draft.Duration = MsgPackValues.ReadInt64(ref reader);
        draft.Error = (int)MsgPackValues.ReadInt64(ref reader);
        var meta = MsgPackValues.ReadMapHeader(ref reader);
        for (var i = 0; i < meta; i++)
        {
            var key = Lookup(ref reader, dictionary);
            draft.Attributes.Add(KeyValue.String(key, Lookup(ref reader, dictionary)));
        }

        var metrics = MsgPackValues.ReadMapHeader(ref reader);
        for (var i = 0; i < metrics; i++)
        {
            var key = Lookup(ref reader, dictionary);
            draft.Attributes.Add(KeyValue.Double(key, MsgPackValues.ReadDouble(ref reader)));
        }

        draft.Type = Lookup(ref reader, dictionary);
    }

    private static string Lookup(ref MessagePackReader reader, string[] dictionary)
    {
        var code = reader.NextCode;
        ulong index;
        if (code <= MessagePackCode.MaxFixInt)
        {
            // Most indexes are positive fixints: one byte, no further checks.
            reader.ReadByte();
            index = code;
        }
        else if (MessagePackCode.ToMessagePackType(code) == MessagePackType.Integer)
        {
            index = MsgPackValues.ReadUInt64(ref reader);
        }
        else
        {
            throw new DatadogDecodeException($"a v0.5 string reference is a dictionary index, found {reader.NextMessagePackType}");
        }

        if (index >= (ulong)dictionary.Length)
        {
            throw new DatadogDecodeException($"dictionary index {index} is out of range (the dictionary has {dictionary.Length} strings)");
        }

        return dictionary[index];
    }

    private static void ReadV07Chunk(ref MessagePackReader reader, DatadogBatchBuilder builder, DatadogSpanDraft draft)
    {
        // Spans may precede priority/origin in the map: read the chunk's fields into an explicit
        // chunk object that its spans reference, so later keys still reach them.
        var chunk = new DatadogChunkInfo();
        builder.BeginChunk(chunk);
        var fields = MsgPackValues.ReadMapHeader(ref reader);
        for (var f = 0; f < fields; f++)
        {
            switch (MsgPackValues.ReadString(ref reader, Utf8StringCache.Names))
            {
                case "priority": chunk.Priority = (int)MsgPackValues.ReadInt64(ref reader); break;
                case "origin": chunk.Origin = MsgPackValues.ReadString(ref reader, Utf8StringCache.Names); break;
                case "dropped_trace": chunk.DroppedTrace = MsgPackValues.ReadInt64(ref reader) != 0; break;
                case "tags":
                    var tags = new List<KeyValue>();
                    DatadogMsgPackSpanReader.ReadMeta(ref reader, tags);
                    chunk.Tags = [.. tags];
                    break;
                case "spans":
                    var spans = MsgPackValues.ReadArrayHeader(ref reader);
                    for (var s = 0; s < spans; s++)
                    {
                        DatadogMsgPackSpanReader.Read(ref reader, draft);
                        builder.AddSpan(draft);
                    }

                    break;
                default: MsgPackValues.Skip(ref reader); break;
            }
        }

        builder.EndChunk();
    }
}
