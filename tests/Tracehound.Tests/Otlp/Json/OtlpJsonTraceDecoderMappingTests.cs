using Tracehound.Ingest.Otlp.Json;
using Tracehound.Model;

namespace Tracehound.Tests.Otlp.Json;

/// <summary>
/// Hand-written OTLP/JSON for what the fixture does not show: the proto3 JSON mapping's
/// alternative spellings, every AnyValue member, nulls, unknown fields and field order.
/// </summary>
public sealed class OtlpJsonTraceDecoderMappingTests
{
    [Fact]
    public void Decode_EmptyObject_ReturnsEmptyBatch()
    {
        var batch = OtlpJson.Decode("{}");

        Assert.Equal(0, batch.Count);
        Assert.Equal(0, batch.RejectedSpans);
    }

    [Theory]
    [InlineData("{\"resourceSpans\":[]}")]
    [InlineData("{\"resourceSpans\":null}")]
    [InlineData("{\"resourceSpans\":[null,{}]}")]
    [InlineData("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[]}]}]}")]
    [InlineData(" \r\n\t{ } \n")]
    public void Decode_RequestWithoutSpans_ReturnsEmptyBatch(string json)
    {
        Assert.Equal(0, OtlpJson.Decode(json).Count);
    }

    [Fact]
    public void Decode_SnakeCaseFieldNames_DecodesLikeCamelCase()
    {
        const string Json = """
            {"resource_spans":[{"resource":{"attributes":[{"key":"service.name","value":{"string_value":"svc"}}],"dropped_attributes_count":1},
              "schema_url":"https://r",
              "scope_spans":[{"scope":{"name":"lib","version":"2","dropped_attributes_count":3},"schema_url":"https://s",
                "spans":[{"trace_id":"0102030405060708090a0b0c0d0e0f10","span_id":"1112131415161718","parent_span_id":"2122232425262728",
                  "trace_state":"k=v","name":"op","kind":2,"start_time_unix_nano":"5","end_time_unix_nano":"9",
                  "attributes":[{"key":"i","value":{"int_value":"7"}},{"key":"b","value":{"bool_value":true}},
                    {"key":"d","value":{"double_value":1.5}},{"key":"x","value":{"bytes_value":"AQID"}},
                    {"key":"a","value":{"array_value":{"values":[{"int_value":1}]}}},
                    {"key":"l","value":{"kvlist_value":{"values":[{"key":"n","value":{"string_value":"v"}}]}}}],
                  "dropped_attributes_count":4,
                  "events":[{"time_unix_nano":"6","name":"e","dropped_attributes_count":5}],"dropped_events_count":6,
                  "links":[{"trace_id":"0102030405060708090a0b0c0d0e0f11","span_id":"1112131415161719","trace_state":"a=b","dropped_attributes_count":7}],
                  "dropped_links_count":8}]}]}]}
            """;
        var camel = Json.Replace("resource_spans", "resourceSpans").Replace("string_value", "stringValue").Replace("dropped_attributes_count", "droppedAttributesCount")
            .Replace("schema_url", "schemaUrl").Replace("scope_spans", "scopeSpans").Replace("trace_id", "traceId").Replace("parent_span_id", "parentSpanId")
            .Replace("span_id", "spanId").Replace("trace_state", "traceState").Replace("start_time_unix_nano", "startTimeUnixNano")
            .Replace("end_time_unix_nano", "endTimeUnixNano").Replace("int_value", "intValue").Replace("bool_value", "boolValue")
            .Replace("double_value", "doubleValue").Replace("bytes_value", "bytesValue").Replace("array_value", "arrayValue")
            .Replace("kvlist_value", "kvlistValue").Replace("time_unix_nano", "timeUnixNano").Replace("dropped_events_count", "droppedEventsCount")
            .Replace("dropped_links_count", "droppedLinksCount");
        Assert.DoesNotContain('_', camel.Replace("service.name", ""));

        var snakeBatch = OtlpJson.Decode(Json);
        var span = Assert.Single(snakeBatch.Spans);

        Assert.Equal(SpanBatchText.Describe(OtlpJson.Decode(camel)), SpanBatchText.Describe(snakeBatch));
        Assert.Equal("2122232425262728", span.ParentSpanId.ToHex());
        Assert.Equal("k=v", span.TraceState);
        Assert.Equal((5L, 9L), (span.StartTimeUnixNano, span.EndTimeUnixNano));
        Assert.Equal((4u, 6u, 8u), (span.DroppedAttributesCount, span.DroppedEventsCount, span.DroppedLinksCount));
        Assert.Equal(6, span.Attributes.Length);
        Assert.Equal(new SpanEvent(6, "e", [], 5), Assert.Single(span.Events) with { Attributes = [] });
        var link = Assert.Single(span.Links);
        Assert.Equal(("0102030405060708090a0b0c0d0e0f11", "1112131415161719", "a=b", 7u), (link.TraceId.ToHex(), link.SpanId.ToHex(), link.TraceState, link.DroppedAttributesCount));
        Assert.Equal((1u, "https://r"), (span.Resource.DroppedAttributesCount, span.Resource.SchemaUrl));
        Assert.Equal(("lib", "2", 3u, "https://s"), (span.Scope.Name, span.Scope.Version, span.Scope.DroppedAttributesCount, span.Scope.SchemaUrl));
    }

    [Theory]
    [InlineData("2", SpanKind.Server)]
    [InlineData("\"SPAN_KIND_UNSPECIFIED\"", SpanKind.Unspecified)]
    [InlineData("\"SPAN_KIND_INTERNAL\"", SpanKind.Internal)]
    [InlineData("\"SPAN_KIND_SERVER\"", SpanKind.Server)]
    [InlineData("\"SPAN_KIND_CLIENT\"", SpanKind.Client)]
    [InlineData("\"SPAN_KIND_PRODUCER\"", SpanKind.Producer)]
    [InlineData("\"SPAN_KIND_CONSUMER\"", SpanKind.Consumer)]
    [InlineData("\"SOMETHING_ELSE\"", SpanKind.Unspecified)]
    [InlineData("9", SpanKind.Unspecified)]
    [InlineData("-1", SpanKind.Unspecified)]
    [InlineData("null", SpanKind.Unspecified)]
    public void Decode_SpanKindAsNumberOrName_MapsToKind(string kind, SpanKind expected)
    {
        var span = Assert.Single(OtlpJson.Decode(OtlpJson.Request(OtlpJson.Span($"\"kind\":{kind}"))).Spans);

        Assert.Equal(expected, span.Kind);
    }

    [Theory]
    [InlineData("{\"code\":2,\"message\":\"boom\"}", StatusCode.Error, "boom")]
    [InlineData("{\"code\":\"STATUS_CODE_ERROR\"}", StatusCode.Error, "")]
    [InlineData("{\"code\":\"STATUS_CODE_OK\"}", StatusCode.Ok, "")]
    [InlineData("{\"code\":\"STATUS_CODE_UNSET\"}", StatusCode.Unset, "")]
    [InlineData("{\"code\":1}", StatusCode.Ok, "")]
    [InlineData("{\"code\":7}", StatusCode.Unset, "")]
    [InlineData("{\"message\":\"only a message\"}", StatusCode.Unset, "only a message")]
    [InlineData("{\"code\":null,\"message\":null}", StatusCode.Unset, "")]
    [InlineData("null", StatusCode.Unset, "")]
    [InlineData("{}", StatusCode.Unset, "")]
    public void Decode_Status_MapsCodeAndMessage(string status, StatusCode code, string message)
    {
        var span = Assert.Single(OtlpJson.Decode(OtlpJson.Request(OtlpJson.Span($"\"status\":{status}"))).Spans);

        Assert.Equal((code, message), (span.StatusCode, span.StatusMessage));
    }

    [Theory]
    [InlineData("{\"intValue\":\"123\"}", 123L)]
    [InlineData("{\"intValue\":123}", 123L)]
    [InlineData("{\"intValue\":\"-5\"}", -5L)]
    [InlineData("{\"intValue\":-5}", -5L)]
    [InlineData("{\"intValue\":\"9223372036854775807\"}", long.MaxValue)]
    [InlineData("{\"intValue\":-9223372036854775808}", long.MinValue)]
    public void Decode_IntValueAsStringOrNumber_IsInt(string value, long expected)
    {
        Assert.Equal(AnyValue.FromInt(expected), SingleAttributeValue(value));
    }

    [Theory]
    [InlineData("{\"doubleValue\":0.5}", 0.5)]
    [InlineData("{\"doubleValue\":3}", 3.0)]
    [InlineData("{\"doubleValue\":-1e300}", -1e300)]
    [InlineData("{\"doubleValue\":\"2.25\"}", 2.25)]
    [InlineData("{\"doubleValue\":\"Infinity\"}", double.PositiveInfinity)]
    [InlineData("{\"doubleValue\":\"-Infinity\"}", double.NegativeInfinity)]
    [InlineData("{\"doubleValue\":\"NaN\"}", double.NaN)]
    public void Decode_DoubleValueAsNumberOrString_IsDouble(string value, double expected)
    {
        Assert.Equal(AnyValue.FromDouble(expected), SingleAttributeValue(value));
    }

    [Theory]
    [InlineData("{\"bytesValue\":\"AQID\"}", new byte[] { 1, 2, 3 })]
    [InlineData("{\"bytesValue\":\"\"}", new byte[0])]
    [InlineData("{\"bytesValue\":\"+/8=\"}", new byte[] { 0xfb, 0xff })]
    [InlineData("{\"bytesValue\":\"-_8\"}", new byte[] { 0xfb, 0xff })]
    public void Decode_BytesValueBase64_IsBytes(string value, byte[] expected)
    {
        Assert.Equal(AnyValue.FromBytes(expected), SingleAttributeValue(value));
    }

    [Theory]
    [InlineData("{\"stringValue\":\"x\"}", AnyValueType.String)]
    [InlineData("{\"stringValue\":\"\"}", AnyValueType.String)]
    [InlineData("{\"boolValue\":true}", AnyValueType.Bool)]
    [InlineData("{}", AnyValueType.Empty)]
    [InlineData("null", AnyValueType.Empty)]
    [InlineData("{\"stringValue\":null}", AnyValueType.Empty)]
    [InlineData("{\"intValue\":null,\"boolValue\":null,\"doubleValue\":null,\"bytesValue\":null,\"arrayValue\":null,\"kvlistValue\":null}", AnyValueType.Empty)]
    [InlineData("{\"arrayValue\":{}}", AnyValueType.Array)]
    [InlineData("{\"kvlistValue\":{\"values\":null}}", AnyValueType.KeyValueList)]
    public void Decode_AnyValueMembersAndNulls_GiveType(string value, AnyValueType expected)
    {
        Assert.Equal(expected, SingleAttributeValue(value).Type);
    }

    [Fact]
    public void Decode_NestedArraysAndKeyValueLists_KeepStructure()
    {
        const string Value = """
            {"arrayValue":{"values":[
              {"intValue":"1"},
              {"arrayValue":{"values":[{"stringValue":"x"},{"boolValue":false},null]}},
              {"kvlistValue":{"values":[
                {"key":"inner","value":{"kvlistValue":{"values":[{"key":"deep","value":{"doubleValue":"NaN"}}]}}},
                {"key":"list","value":{"arrayValue":{"values":[]}}},
                {"key":"nothing"}]}}]}}
            """;

        var value = SingleAttributeValue(Value);

        var expected = AnyValue.FromArray(
        [
            AnyValue.FromInt(1),
            AnyValue.FromArray([AnyValue.FromString("x"), AnyValue.FromBool(false), AnyValue.Empty]),
            AnyValue.FromKeyValueList(
            [
                new KeyValue("inner", AnyValue.FromKeyValueList([KeyValue.Double("deep", double.NaN)])),
                new KeyValue("list", AnyValue.FromArray([])),
                new KeyValue("nothing", AnyValue.Empty),
            ]),
        ]);
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Decode_AnyValueNestedToTheLimit_Decodes()
    {
        // The limit counts AnyValue objects: 31 arrays around an int are 32 of them.
        var value = SingleAttributeValue(NestedArrays(OtlpJsonTraceReader.MaxAnyValueDepth - 1));

        var depth = 0;
        while (value.Type == AnyValueType.Array)
        {
            depth++;
            value = value.AsArray()[0];
        }

        Assert.Equal(OtlpJsonTraceReader.MaxAnyValueDepth - 1, depth);
        Assert.Equal(AnyValue.FromInt(1), value);
    }

    [Fact]
    public void Decode_UnknownFieldsEverywhere_AreIgnored()
    {
        const string Unknown = "\"zUnknownObj\":{\"a\":[1,{\"b\":null}],\"c\":{}},\"zUnknownArr\":[[],[{}],\"s\",1.5,true,null],\"zUnknownNum\":-1e5,\"zUnknownStr\":\"x\",\"zUnknownBool\":false,\"zUnknownNull\":null";
        const string Plain = """
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}]},
              "scopeSpans":[{"scope":{"name":"lib"},
                "spans":[{"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"1112131415161718","name":"op",
                  "attributes":[{"key":"a","value":{"arrayValue":{"values":[{"intValue":1}]}}}],
                  "events":[{"name":"e"}],"links":[{"traceId":"0102030405060708090a0b0c0d0e0f11","spanId":"1112131415161719"}],
                  "status":{"code":2}}]}]}]}
            """;
        // Put the unknown members first in every object, so known fields follow skipped subtrees.
        var noisy = Plain.Replace("{\"", "{" + Unknown + ",\"");

        var batch = OtlpJson.Decode(noisy);

        Assert.Equal(1, batch.Count);
        Assert.Equal(SpanBatchText.Describe(OtlpJson.Decode(Plain)), SpanBatchText.Describe(batch));
    }

    [Fact]
    public void Decode_NullFieldsInSpan_AreTreatedAsAbsent()
    {
        var json = OtlpJson.Request(OtlpJson.Span(
            "\"parentSpanId\":null,\"traceState\":null,\"kind\":null,\"startTimeUnixNano\":null,\"endTimeUnixNano\":null,\"attributes\":null,"
            + "\"droppedAttributesCount\":null,\"events\":[null],\"links\":null,\"status\":null,\"flags\":null"));

        var span = Assert.Single(OtlpJson.Decode(json).Spans);

        Assert.True(span.ParentSpanId.IsEmpty);
        Assert.Equal(("", SpanKind.Unspecified, 0L, 0u), (span.TraceState, span.Kind, span.StartTimeUnixNano, span.Flags));
        Assert.Empty(span.Attributes);
        Assert.Empty(span.Events);
        Assert.Empty(span.Links);
    }

    [Fact]
    public void Decode_NullSpanName_IsEmptyString()
    {
        var span = Assert.Single(OtlpJson.Decode(OtlpJson.Request("{\"traceId\":\"0102030405060708090a0b0c0d0e0f10\",\"spanId\":\"1112131415161718\",\"name\":null}")).Spans);

        Assert.Equal("", span.Name);
    }

    [Fact]
    public void Decode_NumbersAsStringsAndStringsAsNumbers_AreAccepted()
    {
        var span = Assert.Single(OtlpJson.Decode(OtlpJson.Request(OtlpJson.Span(
            "\"startTimeUnixNano\":1795482057545000000,\"endTimeUnixNano\":\"1795482057665000000\",\"flags\":\"257\",\"droppedAttributesCount\":\"2\",\"droppedLinksCount\":3"))).Spans);

        Assert.Equal((1795482057545000000L, 1795482057665000000L), (span.StartTimeUnixNano, span.EndTimeUnixNano));
        Assert.Equal((257u, 2u, 3u), (span.Flags, span.DroppedAttributesCount, span.DroppedLinksCount));
    }

    [Fact]
    public void Decode_UppercaseHexIds_AreAccepted()
    {
        var span = Assert.Single(OtlpJson.Decode(OtlpJson.Request(
            OtlpJson.Span("\"parentSpanId\":\"ABCDEF0123456789\"", traceId: "ABCDEF0123456789ABCDEF0123456789", spanId: "FEDCBA9876543210"))).Spans);

        Assert.Equal("abcdef0123456789abcdef0123456789", span.TraceId.ToHex());
        Assert.Equal("fedcba9876543210", span.SpanId.ToHex());
        Assert.Equal("abcdef0123456789", span.ParentSpanId.ToHex());
    }

    [Fact]
    public void Decode_EscapedNamesAndValues_AreUnescaped()
    {
        var json = "{\"resource\\u0053pans\":[{\"scopeSpans\":[{\"spans\":[{\"trace\\u0049d\":\"0102030405060708090a0b0c0d0e0f1\\u0030\","
            + "\"spanId\":\"1112131415161718\",\"name\":\"a\\\"b\\\\c\\u00e9\\n\",\"attributes\":[{\"key\":\"\\u006b\",\"value\":{\"stringValue\":\"line\\u2028\"}}]}]}]}]}";

        var span = Assert.Single(OtlpJson.Decode(json).Spans);

        Assert.Equal("0102030405060708090a0b0c0d0e0f10", span.TraceId.ToHex());
        Assert.Equal("a\"b\\cé\n", span.Name);
        Assert.Equal(KeyValue.String("k", "line\u2028"), Assert.Single(span.Attributes));
    }

    [Fact]
    public void Decode_ResourceAfterScopeSpans_StillAppliesToTheSpans()
    {
        const string Json = """
            {"resourceSpans":[
              {"scopeSpans":[{"spans":[{"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"1112131415161718","name":"a"}],"scope":{"name":"s1"}}],
               "resource":{"attributes":[{"key":"service.name","value":{"stringValue":"first"}}]},"schemaUrl":"u1"},
              {"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"second"}}]},
               "scopeSpans":[{"scope":{"name":"s2","attributes":[{"key":"k","value":{"intValue":1}}]},"spans":[
                 {"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"1112131415161719","name":"b"}]},
                 {"spans":[{"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"111213141516171a","name":"c"}]}]}]}
            """;

        var batch = OtlpJson.Decode(Json);

        Assert.Equal(["a", "b", "c"], batch.Spans.Select(s => s.Name));
        Assert.Equal(["first", "second", "second"], batch.Spans.Select(s => s.ServiceName));
        Assert.Equal("u1", batch.Spans[0].Resource.SchemaUrl);
        Assert.Same(batch.Spans[1].Resource, batch.Spans[2].Resource);
        Assert.Equal(["s1", "s2", ""], batch.Spans.Select(s => s.Scope.Name));
        Assert.Equal([KeyValue.Int("k", 1)], batch.Spans[1].Scope.Attributes);
        Assert.Same(InstrumentationScope.Empty, batch.Spans[2].Scope);
    }

    [Fact]
    public void Decode_RequestWithoutResource_UsesUnknownService()
    {
        var span = Assert.Single(OtlpJson.Decode("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[" + OtlpJson.Span() + "]}]}]}").Spans);

        Assert.Equal(Resource.UnknownServiceName, span.ServiceName);
    }

    [Fact]
    public void Decode_SameKeysInManySpans_ShareStringInstances()
    {
        var batch = OtlpJson.Decode(OtlpJson.Request(
            OtlpJson.Span("\"attributes\":[{\"key\":\"http.request.method\",\"value\":{\"stringValue\":\"GET\"}}]"),
            OtlpJson.Span("\"attributes\":[{\"key\":\"http.request.method\",\"value\":{\"stringValue\":\"GET\"}}]", spanId: "1112131415161719")));

        Assert.Same(batch.Spans[0].Attributes[0].Key, batch.Spans[1].Attributes[0].Key);
        Assert.Same(batch.Spans[0].Name, batch.Spans[1].Name);
    }

    private static AnyValue SingleAttributeValue(string valueJson)
    {
        var span = Assert.Single(OtlpJson.Decode(OtlpJson.Request(OtlpJson.Span($"\"attributes\":[{{\"key\":\"k\",\"value\":{valueJson}}}]"))).Spans);
        var attribute = Assert.Single(span.Attributes);
        Assert.Equal("k", attribute.Key);
        return attribute.Value;
    }

    /// <summary>An AnyValue of <paramref name="levels"/> nested single-element arrays around an int.</summary>
    internal static string NestedArrays(int levels)
    {
        var value = "{\"intValue\":1}";
        for (var i = 0; i < levels; i++)
        {
            value = "{\"arrayValue\":{\"values\":[" + value + "]}}";
        }

        return value;
    }
}
