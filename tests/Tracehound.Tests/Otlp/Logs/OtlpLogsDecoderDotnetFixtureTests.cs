using Tracehound.Model;

namespace Tracehound.Tests.Otlp.Logs;

/// <summary>The OTel .NET SDK's two ILogger records (harness README, dotnet/), LogsService/Export over gRPC.</summary>
public sealed class OtlpLogsDecoderDotnetFixtureTests
{
    private const string Label = "otel-dotnet-grpc";

    [Fact]
    public void Decode_DotnetLogs_TwoRecordsWithResource()
    {
        var batch = LogsFixture.Load(Label, "002.bin").Decode();

        Assert.Equal(2, batch.Count);
        Assert.All(batch.Records, record =>
        {
            Assert.Equal("harness-otel-dotnet", record.ServiceName);
            Assert.True(record.TimeUnixNano > 0);
        });
    }

    [Fact]
    public void Decode_DotnetLogs_SeveritiesAndMessages()
    {
        var records = LogsFixture.Load(Label, "002.bin").Decode().Records;

        Assert.Equal(9, records[0].SeverityNumber);
        Assert.Equal("Information", records[0].SeverityText);
        Assert.Equal("user 42 fetched from users", records[0].Body.ToString());
        Assert.Equal(17, records[1].SeverityNumber);
        Assert.Equal("Error", records[1].SeverityText);
        Assert.Equal("payment declined for order 1001", records[1].Body.ToString());
    }

    [Fact]
    public void Decode_DotnetLogs_TraceContextMatchesResultJson()
    {
        var fixture = LogsFixture.Load(Label, "002.bin");
        var records = fixture.Decode().Records;
        var web = fixture.Result.GetProperty("traces").GetProperty("web");
        var error = fixture.Result.GetProperty("traces").GetProperty("error");

        Assert.Equal(web.GetProperty("traceId").GetString(), records[0].TraceId.ToHex());
        Assert.Equal(web.GetProperty("spans").GetProperty("db").GetString(), records[0].SpanId.ToHex());
        Assert.Equal(error.GetProperty("traceId").GetString(), records[1].TraceId.ToHex());
        Assert.Equal(error.GetProperty("spans").GetProperty("server").GetString(), records[1].SpanId.ToHex());
    }

    [Fact]
    public void Decode_DotnetLogs_TemplateArgumentsAndScopeFromILogger()
    {
        var records = LogsFixture.Load(Label, "002.bin").Decode().Records;

        Assert.Equal("Harness.Orders", records[0].Scope.Name);
        Assert.Equal(1u, records[0].Flags);
        Assert.Equal(
            [KeyValue.Int("UserId", 42), KeyValue.String("Table", "users"), KeyValue.String("{OriginalFormat}", "user {UserId} fetched from {Table}")],
            records[0].Attributes);
        Assert.True(records[1].TryGetAttribute("OrderId", out var order));
        Assert.Equal(1001, order.AsInt());
    }
}
