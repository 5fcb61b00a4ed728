using System.Buffers;
using System.Text;
using System.Text.Json;
using Tracehound.Ingest.Otlp.Json;

namespace Tracehound.Tests.Otlp.Json;

public sealed class OtlpJsonResponseWriterTests
{
    [Fact]
    public void WriteExportTraceResponse_NothingRejected_WritesEmptyObject()
    {
        var output = new ArrayBufferWriter<byte>();

        OtlpJsonResponseWriter.WriteExportTraceResponse(output, 0, "");

        Assert.Equal("{}", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void WriteExportTraceResponse_SomeRejected_WritesPartialSuccessWithInt64AsString()
    {
        var output = new ArrayBufferWriter<byte>();

        OtlpJsonResponseWriter.WriteExportTraceResponse(output, 3, "resourceSpans[0].scopeSpans[0].spans[1]: spanId \"x\" <bad> é");

        using var document = JsonDocument.Parse(output.WrittenMemory);
        var partial = document.RootElement.GetProperty("partialSuccess");
        Assert.Equal(JsonValueKind.String, partial.GetProperty("rejectedSpans").ValueKind);
        Assert.Equal("3", partial.GetProperty("rejectedSpans").GetString());
        Assert.Equal("resourceSpans[0].scopeSpans[0].spans[1]: spanId \"x\" <bad> é", partial.GetProperty("errorMessage").GetString());
        Assert.Single(document.RootElement.EnumerateObject());
    }

    [Fact]
    public void WriteExportTraceResponse_LargeCount_KeepsEveryDigit()
    {
        var output = new ArrayBufferWriter<byte>();

        OtlpJsonResponseWriter.WriteExportTraceResponse(output, long.MaxValue, "m");

        using var document = JsonDocument.Parse(output.WrittenMemory);
        Assert.Equal("9223372036854775807", document.RootElement.GetProperty("partialSuccess").GetProperty("rejectedSpans").GetString());
    }

    [Fact]
    public void WriteExportTraceResponse_WarningWithoutRejections_WritesOnlyTheMessage()
    {
        var output = new ArrayBufferWriter<byte>();

        OtlpJsonResponseWriter.WriteExportTraceResponse(output, 0, "slow down");

        Assert.Equal("{\"partialSuccess\":{\"errorMessage\":\"slow down\"}}", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void WriteStatus_CodeAndMessage_ParsesBack()
    {
        var output = new ArrayBufferWriter<byte>();

        OtlpJsonResponseWriter.WriteStatus(output, 3, "Invalid OTLP/JSON at the request (byte 0): \"quoted\"\n");

        using var document = JsonDocument.Parse(output.WrittenMemory);
        Assert.Equal(3, document.RootElement.GetProperty("code").GetInt32());
        Assert.Equal("Invalid OTLP/JSON at the request (byte 0): \"quoted\"\n", document.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public void WriteStatus_AppendsToWhatIsAlreadyWritten()
    {
        var output = new ArrayBufferWriter<byte>();
        output.Write("x"u8);

        OtlpJsonResponseWriter.WriteStatus(output, 8, "busy");

        Assert.Equal("x{\"code\":8,\"message\":\"busy\"}", Encoding.UTF8.GetString(output.WrittenSpan));
    }
}
