using System.Buffers;
using Google.Protobuf;
using Tracehound.Ingest.Otlp.Protobuf;

namespace Tracehound.Tests.Otlp.Protobuf;

public sealed class OtlpProtobufResponseWriterTests
{
    [Fact]
    public void WriteExportTraceResponse_NothingRejected_WritesAnEmptyMessage()
    {
        var output = new ArrayBufferWriter<byte>();

        OtlpProtobufResponseWriter.WriteExportTraceResponse(output, 0, string.Empty);

        Assert.Equal(0, output.WrittenCount);
    }

    [Theory]
    [InlineData(1L, "span 0: trace id is all zeros")]
    [InlineData(300L, "ünïcödé reason")]
    [InlineData(5_000_000_000L, "")]
    public void WriteExportTraceResponse_SomethingRejected_WritesPartialSuccess(long rejected, string message)
    {
        var output = new ArrayBufferWriter<byte>();

        OtlpProtobufResponseWriter.WriteExportTraceResponse(output, rejected, message);

        var input = new CodedInputStream(output.WrittenSpan.ToArray());
        Assert.Equal(WireFormat.MakeTag(1, WireFormat.WireType.LengthDelimited), input.ReadTag());
        var partialSuccess = new CodedInputStream(input.ReadBytes().ToByteArray());
        Assert.True(input.IsAtEnd);
        long? rejectedSpans = null;
        string? errorMessage = null;
        while (!partialSuccess.IsAtEnd)
        {
            var tag = partialSuccess.ReadTag();
            if (tag == WireFormat.MakeTag(1, WireFormat.WireType.Varint))
            {
                rejectedSpans = partialSuccess.ReadInt64();
            }
            else if (tag == WireFormat.MakeTag(2, WireFormat.WireType.LengthDelimited))
            {
                errorMessage = partialSuccess.ReadString();
            }
            else
            {
                Assert.Fail($"unexpected tag {tag}");
            }
        }

        Assert.Equal(rejected, rejectedSpans);
        Assert.Equal(message.Length == 0 ? null : message, errorMessage);
    }

    [Theory]
    [InlineData(3, "invalid payload: truncated length-delimited field 9 at offset 1234")]
    [InlineData(-1, "négatif")]
    [InlineData(14, "")]
    public void WriteStatus_CodeAndMessage_ParseBackAsGoogleRpcStatus(int code, string message)
    {
        var output = new ArrayBufferWriter<byte>();

        OtlpProtobufResponseWriter.WriteStatus(output, code, message);

        var input = new CodedInputStream(output.WrittenSpan.ToArray());
        var readCode = 0;
        var readMessage = string.Empty;
        while (!input.IsAtEnd)
        {
            var tag = input.ReadTag();
            if (tag == WireFormat.MakeTag(1, WireFormat.WireType.Varint))
            {
                readCode = input.ReadInt32();
            }
            else if (tag == WireFormat.MakeTag(2, WireFormat.WireType.LengthDelimited))
            {
                readMessage = input.ReadString();
            }
            else
            {
                Assert.Fail($"unexpected tag {tag}");
            }
        }

        Assert.Equal(code, readCode);
        Assert.Equal(message, readMessage);
    }
}
