using System.Buffers;
using System.Text;
using System.Text.Json;
using Tracehound.Model;

namespace Tracehound.Storage.Embedded;

/// <summary>The writer thread's one reusable JSON buffer, for the text columns of spans, logs, resources and scopes.</summary>
internal sealed class JsonText : IDisposable
{
    public JsonText()
    {
        Writer = new Utf8JsonWriter(Buffer, TypedJson.WriterOptions);
    }

    public ArrayBufferWriter<byte> Buffer { get; } = new(4096);

    public Utf8JsonWriter Writer { get; }

    /// <summary>The attributes as one <see cref="TypedJson"/> object; null when there are none.</summary>
    public string? Attributes(KeyValue[] attributes)
    {
        if (attributes.Length == 0)
        {
            return null;
        }

        Reset();
        TypedJson.WriteAttributes(Writer, attributes);
        return Text();
    }

    /// <summary>One <see cref="TypedJson"/> value; null for the empty value.</summary>
    public string? Value(AnyValue value)
    {
        if (value.Type == AnyValueType.Empty)
        {
            return null;
        }

        Reset();
        TypedJson.WriteValue(Writer, value);
        return Text();
    }

    public void Dispose() => Writer.Dispose();

    private void Reset()
    {
        Buffer.ResetWrittenCount();
        Writer.Reset(Buffer);
    }

    private string Text()
    {
        Writer.Flush();
        return Encoding.UTF8.GetString(Buffer.WrittenSpan);
    }
}
