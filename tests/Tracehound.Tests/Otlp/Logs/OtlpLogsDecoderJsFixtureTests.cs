using Tracehound.Model;

namespace Tracehound.Tests.Otlp.Logs;

/// <summary>The OTel JS logs SDK's five records (harness README, otel-logs.js), over gRPC, HTTP protobuf and HTTP JSON.</summary>
public sealed class OtlpLogsDecoderJsFixtureTests
{
    public static TheoryData<string> Labels => ["otel-js-logs-grpc", "otel-js-logs-http-proto", "otel-js-logs-http-json"];

    [Theory]
    [MemberData(nameof(Labels))]
    public void Decode_JsFixture_HasFiveRecordsWithResourceAndScope(string label)
    {
        var batch = LogsFixture.Load(label).Decode();

        Assert.Equal(5, batch.Count);
        Assert.Equal(0, batch.RejectedLogRecords);
        Assert.All(batch.Records, record =>
        {
            Assert.Equal("harness-otel-node", record.ServiceName);
            Assert.Equal("harness.otel-logs", record.Scope.Name);
            Assert.Equal("1.0.0", record.Scope.Version);
            Assert.True(record.ObservedTimeUnixNano >= record.TimeUnixNano);
        });
        Assert.Same(batch.Records[0].Resource, batch.Records[4].Resource);
        Assert.Same(batch.Records[0].Scope, batch.Records[4].Scope);
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public void Decode_JsFixture_SeveritiesAndStringBodies(string label)
    {
        var records = LogsFixture.Load(label).Decode().Records;

        Assert.Equal([9, 5, 17, 13, 9], records.Select(r => r.SeverityNumber));
        Assert.Equal(["INFO", "DEBUG", "ERROR", "WARN", "INFO"], records.Select(r => r.SeverityText));
        Assert.Equal("user 42 fetched", records[0].Body.AsString());
        Assert.Equal("query executed", records[1].Body.AsString());
        Assert.Equal("payment declined", records[2].Body.AsString());
        Assert.Equal("cache size above threshold", records[3].Body.AsString());
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public void Decode_JsFixture_AttributesKeepTheirTypes(string label)
    {
        var records = LogsFixture.Load(label).Decode().Records;

        Assert.Equal(
            [KeyValue.Int("user.id", 42), KeyValue.Bool("cache.hit", false), KeyValue.String("http.route", "/users/:id")],
            records[0].Attributes);
        Assert.True(records[1].TryGetAttribute("db.duration_ms", out var duration));
        Assert.Equal(12.5, duration.AsDouble());
        Assert.True(records[1].TryGetAttribute("db.rows", out var rows));
        Assert.Equal(1, rows.AsInt());
        Assert.True(records[2].TryGetAttribute("exception.type", out var type));
        Assert.Equal("PaymentDeclinedError", type.AsString());
        Assert.True(records[2].TryGetAttribute("order.id", out var order));
        Assert.Equal(1001, order.AsInt());
        Assert.Equal([KeyValue.Int("cache.size", 1024), KeyValue.Int("cache.limit", 1000)], records[3].Attributes);
        Assert.Equal([KeyValue.String("audit.kind", "login")], records[4].Attributes);
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public void Decode_JsFixture_MapBodyAndEventName(string label)
    {
        var audit = LogsFixture.Load(label).Decode().Records[4];

        Assert.Equal("app.audit", audit.EventName);
        var body = audit.Body.AsKeyValueList();
        Assert.Equal(
            [
                KeyValue.String("event", "audit"),
                KeyValue.Int("user", 42),
                KeyValue.Bool("ok", true),
                new KeyValue("roles", AnyValue.FromArray([AnyValue.FromString("admin"), AnyValue.FromString("dev")])),
                KeyValue.Double("score", 0.75),
            ],
            body);
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public void Decode_JsFixture_TraceContextMatchesResultJson(string label)
    {
        var fixture = LogsFixture.Load(label);
        var records = fixture.Decode().Records;

        for (var i = 0; i < 5; i++)
        {
            var (traceId, spanId) = fixture.RecordIds(i);
            if (traceId is null)
            {
                Assert.True(records[i].TraceId.IsEmpty);
                Assert.True(records[i].SpanId.IsEmpty);
                Assert.Equal(0u, records[i].Flags);
            }
            else
            {
                Assert.Equal(traceId, records[i].TraceId.ToHex());
                Assert.Equal(spanId, records[i].SpanId.ToHex());
                Assert.Equal(1u, records[i].Flags);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public void Decode_JsFixture_FirstRecordTimeIsBasePlus100Ms(string label)
    {
        var fixture = LogsFixture.Load(label);

        Assert.Equal(fixture.At(100), fixture.Decode().Records[0].TimeUnixNano);
    }

    [Fact]
    public void Decode_AllThreeTransports_SameRecordsApartFromIdsAndTimes()
    {
        static string Shape(LogRecord r) =>
            $"{r.SeverityNumber}|{r.SeverityText}|{r.Body}|{string.Join(',', r.Attributes.Select(a => $"{a.Key}={a.Value}"))}|{r.EventName}|{r.Flags}";

        string[] labels = ["otel-js-logs-grpc", "otel-js-logs-http-proto", "otel-js-logs-http-json"];
        var shapes = labels.Select(label => LogsFixture.Load(label).Decode().Records.Select(Shape).ToArray()).ToArray();

        Assert.Equal(shapes[0], shapes[1]);
        Assert.Equal(shapes[0], shapes[2]);
    }
}
