using System.Text;
using Tracehound.Ingest.Otlp;
using Tracehound.Ingest.Otlp.Json;

namespace Tracehound.Tests.Otlp.Json;

/// <summary>Structurally wrong requests fail as a whole with <see cref="OtlpDecodeException"/> and a reason.</summary>
public sealed class OtlpJsonTraceDecoderMalformedTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"resourceSpans\":[")]
    [InlineData("{}{}")]
    [InlineData("{} x")]
    [InlineData("{},")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("{\"resourceSpans\":[],}")]
    [InlineData("{/* comment */}")]
    [InlineData("{'resourceSpans':[]}")]
    [InlineData("{\"a\":tru}")]
    [InlineData("{\"a\":01}")]
    [InlineData("{\"a\":\"unterminated}")]
    [InlineData("{\"a\":\"bad \\x escape\"}")]
    public void Decode_MalformedJson_Throws(string json)
    {
        var ex = Assert.Throws<OtlpDecodeException>(() => OtlpJson.Decode(json));

        Assert.Contains("OTLP/JSON", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"resourceSpans\":{}}", "resourceSpans must be an array")]
    [InlineData("{\"resourceSpans\":\"x\"}", "resourceSpans must be an array")]
    [InlineData("{\"resourceSpans\":[1]}", "resourceSpans must be an array of objects")]
    [InlineData("{\"resourceSpans\":[{\"scopeSpans\":{}}]}", "scopeSpans must be an array")]
    [InlineData("{\"resourceSpans\":[{\"resource\":[]}]}", "resource must be an object")]
    [InlineData("{\"resourceSpans\":[{\"resource\":{\"attributes\":{}}}]}", "resource.attributes must be an array")]
    [InlineData("{\"resourceSpans\":[{\"resource\":{\"droppedAttributesCount\":-1}}]}", "resource.droppedAttributesCount must be an unsigned 32-bit integer")]
    [InlineData("{\"resourceSpans\":[{\"schemaUrl\":1}]}", "schemaUrl must be a string")]
    [InlineData("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":{}}]}]}", "spans must be an array")]
    [InlineData("{\"resourceSpans\":[{\"scopeSpans\":[{\"scope\":{\"name\":[]}}]}]}", "scope.name must be a string")]
    public void Decode_WrongTokenTypeOutsideSpans_ThrowsWithReason(string json, string reason)
    {
        var ex = Assert.Throws<OtlpDecodeException>(() => OtlpJson.Decode(json));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Contains("byte ", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"name\":5", "name must be a string, not Number")]
    [InlineData("\"name\":{}", "name must be a string, not StartObject")]
    [InlineData("\"traceState\":true", "traceState must be a string")]
    [InlineData("\"kind\":true", "kind must be an enum number or name")]
    [InlineData("\"kind\":{}", "kind must be an enum number or name")]
    [InlineData("\"startTimeUnixNano\":true", "startTimeUnixNano must be an unsigned 64-bit integer")]
    [InlineData("\"startTimeUnixNano\":\"soon\"", "startTimeUnixNano must be an unsigned 64-bit integer")]
    [InlineData("\"startTimeUnixNano\":-5", "startTimeUnixNano must be an unsigned 64-bit integer")]
    [InlineData("\"startTimeUnixNano\":1.5", "startTimeUnixNano must be an unsigned 64-bit integer")]
    [InlineData("\"endTimeUnixNano\":\"18446744073709551615\"", "beyond the supported time range")]
    [InlineData("\"flags\":4294967296", "flags must be an unsigned 32-bit integer")]
    [InlineData("\"droppedEventsCount\":[]", "droppedEventsCount must be an unsigned 32-bit integer")]
    [InlineData("\"attributes\":{}", "attributes must be an array")]
    [InlineData("\"attributes\":[\"k\"]", "attributes must be an array of objects")]
    [InlineData("\"attributes\":[{\"key\":1}]", "attributes must be a string")]
    [InlineData("\"attributes\":[{\"key\":\"k\",\"value\":\"v\"}]", "attributes must be an AnyValue object")]
    [InlineData("\"attributes\":[{\"key\":\"k\",\"value\":{\"intValue\":\"abc\"}}]", "a 64-bit integer (intValue)")]
    [InlineData("\"attributes\":[{\"key\":\"k\",\"value\":{\"intValue\":1.5}}]", "a 64-bit integer (intValue)")]
    [InlineData("\"attributes\":[{\"key\":\"k\",\"value\":{\"intValue\":\"9223372036854775808\"}}]", "a 64-bit integer (intValue)")]
    [InlineData("\"attributes\":[{\"key\":\"k\",\"value\":{\"boolValue\":\"true\"}}]", "must be true or false")]
    [InlineData("\"attributes\":[{\"key\":\"k\",\"value\":{\"doubleValue\":\"fast\"}}]", "a number (doubleValue)")]
    [InlineData("\"attributes\":[{\"key\":\"k\",\"value\":{\"doubleValue\":true}}]", "a number (doubleValue)")]
    [InlineData("\"attributes\":[{\"key\":\"k\",\"value\":{\"stringValue\":1}}]", "attributes must be a string")]
    [InlineData("\"attributes\":[{\"key\":\"k\",\"value\":{\"bytesValue\":\"@@@\"}}]", "bytesValue is not valid base64")]
    [InlineData("\"attributes\":[{\"key\":\"k\",\"value\":{\"bytesValue\":5}}]", "a base64 string (bytesValue)")]
    [InlineData("\"attributes\":[{\"key\":\"k\",\"value\":{\"arrayValue\":[]}}]", "attributes must be an object")]
    [InlineData("\"attributes\":[{\"key\":\"k\",\"value\":{\"arrayValue\":{\"values\":{}}}}]", "attributes must be an array")]
    [InlineData("\"attributes\":[{\"key\":\"k\",\"value\":{\"arrayValue\":{\"values\":[1]}}}]", "attributes must be an AnyValue object")]
    [InlineData("\"attributes\":[{\"key\":\"k\",\"value\":{\"kvlistValue\":{\"values\":[[]]}}}]", "attributes must be an array of objects")]
    [InlineData("\"events\":{}", "events must be an array")]
    [InlineData("\"events\":[{\"timeUnixNano\":{}}]", "events.timeUnixNano must be an unsigned 64-bit integer")]
    [InlineData("\"events\":[{\"attributes\":[{\"key\":\"k\",\"value\":1}]}]", "events.attributes must be an AnyValue object")]
    [InlineData("\"links\":[{\"traceId\":5}]", "links.traceId must be a hex string")]
    [InlineData("\"links\":\"none\"", "links must be an array")]
    [InlineData("\"status\":2", "status must be an object")]
    [InlineData("\"status\":{\"message\":{}}", "status.message must be a string")]
    [InlineData("\"traceId\":5", "traceId must be a hex string")]
    [InlineData("\"parentSpanId\":[]", "parentSpanId must be a hex string")]
    public void Decode_WrongTokenTypeInSpan_ThrowsWithPath(string member, string reason)
    {
        var json = OtlpJson.Request(OtlpJson.Span(), OtlpJson.Span(member, spanId: "1112131415161719"));

        var ex = Assert.Throws<OtlpDecodeException>(() => OtlpJson.Decode(json));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Contains("resourceSpans[0].scopeSpans[0].spans[1]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_AnyValueNestedPastTheLimit_Throws()
    {
        var json = OtlpJson.Request(OtlpJson.Span(
            "\"attributes\":[{\"key\":\"k\",\"value\":" + OtlpJsonTraceDecoderMappingTests.NestedArrays(OtlpJsonTraceReader.MaxAnyValueDepth) + "}]"));

        var ex = Assert.Throws<OtlpDecodeException>(() => OtlpJson.Decode(json));

        Assert.Contains("nest deeper than 32 levels", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_KeyValueListNestedPastTheLimit_Throws()
    {
        var value = "{\"intValue\":1}";
        for (var i = 0; i < 100; i++)
        {
            value = "{\"kvlistValue\":{\"values\":[{\"key\":\"k\",\"value\":" + value + "}]}}";
        }

        var json = OtlpJson.Request(OtlpJson.Span("\"attributes\":[{\"key\":\"k\",\"value\":" + value + "}]"));

        Assert.Throws<OtlpDecodeException>(() => OtlpJson.Decode(json));
    }

    [Fact]
    public void Decode_UnknownFieldNestedTooDeep_ThrowsInsteadOfRecursing()
    {
        var json = "{\"unknown\":" + new string('[', 100_000) + new string(']', 100_000) + "}";

        var ex = Assert.Throws<OtlpDecodeException>(() => OtlpJson.Decode(json));

        Assert.Contains("depth", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Decode_InvalidUtf8InStringValue_Throws()
    {
        var bytes = Encoding.UTF8.GetBytes(OtlpJson.Request(OtlpJson.Span("\"traceState\":\"ab\"")));
        var at = Array.IndexOf(bytes, (byte)'a', Encoding.UTF8.GetString(bytes).IndexOf("\"ab\"", StringComparison.Ordinal));
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;

        Assert.Throws<OtlpDecodeException>(() => OtlpJson.Decode(bytes));
    }

    [Fact]
    public void Decode_InvalidUtf8InAttributeKey_Throws()
    {
        var bytes = Encoding.UTF8.GetBytes(OtlpJson.Request(OtlpJson.Span("\"attributes\":[{\"key\":\"kk\"}]")));
        var at = Encoding.UTF8.GetString(bytes).IndexOf("\"kk\"", StringComparison.Ordinal) + 1;
        bytes[at] = 0xFF;

        var ex = Assert.Throws<OtlpDecodeException>(() => OtlpJson.Decode(bytes));

        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
    }
}
