using System.Buffers;
using System.Text;
using Tracehound.Ingest.Datadog;
using Tracehound.Ingest.Datadog.Logs;
using Tracehound.Ingest.Http;
using Tracehound.Model;

namespace Tracehound.Tests.DatadogLogs;

public sealed class DatadogLogDecoderTests
{
    private const long Received = 1_700_000_000_000_000_000;

    private static LogBatch Decode(string json, string? tags = null) =>
        DatadogLogDecoder.Decode(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), tags, Received);

    private static string Attr(LogRecord record, string key) =>
        record.TryGetAttribute(key, out var value) ? value.ToString() : throw new KeyNotFoundException(key);

    [Fact]
    public void Decode_ReservedAttributes_MapToRecordFields()
    {
        var batch = Decode("""
            [{"message":"hello","status":"warn","service":"checkout","ddsource":"csharp","ddtags":"env:prod,version:1.2,canary",
              "hostname":"web-1","timestamp":1700000000123,"user":"ana"}]
            """);

        var record = Assert.Single(batch.Records);
        Assert.Equal("hello", record.Body.AsString());
        Assert.Equal("warn", record.SeverityText);
        Assert.Equal(13, record.SeverityNumber);
        Assert.Equal("checkout", record.ServiceName);
        Assert.Contains(record.Resource.Attributes, kv => kv.Key == "host.name" && kv.Value.AsString() == "web-1");
        Assert.Equal(1_700_000_000_123_000_000, record.TimeUnixNano);
        Assert.Equal(Received, record.ObservedTimeUnixNano);
        Assert.Equal("csharp", Attr(record, "ddsource"));
        Assert.Equal("prod", Attr(record, "env"));
        Assert.Equal("1.2", Attr(record, "version"));
        Assert.Equal(string.Empty, Attr(record, "canary"));
        Assert.Equal("ana", Attr(record, "user"));
        Assert.DoesNotContain(record.Attributes, kv => kv.Key is "message" or "status" or "service" or "hostname" or "timestamp" or "ddtags");
    }

    [Fact]
    public void Decode_SingleObject_IsOneLog()
    {
        var record = Assert.Single(Decode("""{"message":"one"}""").Records);
        Assert.Equal("one", record.Body.AsString());
        Assert.Equal(Received, record.TimeUnixNano);
        Assert.Same(Resource.Empty, record.Resource);
    }

    [Fact]
    public void Decode_NestedObjects_FlattenToDottedKeys()
    {
        var record = Assert.Single(Decode("""
            {"message":"m","dd":{"trace_id":"1234","span_id":"5678","service":"api"},"http":{"status_code":200,"url":{"path":"/a"}},"tags":["a",{"b":1}]}
            """).Records);

        Assert.Equal("1234", Attr(record, "dd.trace_id"));
        Assert.Equal("5678", Attr(record, "dd.span_id"));
        Assert.Equal(200, record.Attributes.Single(kv => kv.Key == "http.status_code").Value.AsInt());
        Assert.Equal("/a", Attr(record, "http.url.path"));
        var array = record.Attributes.Single(kv => kv.Key == "tags").Value.AsArray();
        Assert.Equal("a", array[0].AsString());
        Assert.Equal("b", array[1].AsKeyValueList()[0].Key);
        // dd.service names the service when "service" is absent (Datadog's service remapper).
        Assert.Equal("api", record.ServiceName);
    }

    [Fact]
    public void Decode_Unsigned64BitNumber_KeptExactlyAsText()
    {
        var record = Assert.Single(Decode("""{"dd.trace_id":18446744073709551615,"n":-5,"d":1.5,"b":true,"z":null}""").Records);
        Assert.Equal("18446744073709551615", record.Attributes.Single(kv => kv.Key == "dd.trace_id").Value.AsString());
        Assert.Equal(-5, record.Attributes.Single(kv => kv.Key == "n").Value.AsInt());
        Assert.Equal(1.5, record.Attributes.Single(kv => kv.Key == "d").Value.AsDouble());
        Assert.True(record.Attributes.Single(kv => kv.Key == "b").Value.AsBool());
        Assert.DoesNotContain(record.Attributes, kv => kv.Key == "z");
    }

    [Theory]
    [InlineData("\"2023-11-14T22:13:20.123Z\"", 1_700_000_000_123_000_000)]
    [InlineData("\"2023-11-14T23:13:20.123+01:00\"", 1_700_000_000_123_000_000)]
    [InlineData("\"1700000000123\"", 1_700_000_000_123_000_000)]
    [InlineData("1700000000123", 1_700_000_000_123_000_000)]
    [InlineData("1700000000123.5", 1_700_000_000_123_500_000)]
    public void Decode_Timestamp_MillisecondsOrIso8601(string json, long expected)
    {
        var record = Assert.Single(Decode("{\"timestamp\":" + json + "}").Records);
        Assert.Equal(expected, record.TimeUnixNano);
    }

    [Fact]
    public void Decode_AtTimestampAlias_SetsTime()
    {
        var record = Assert.Single(Decode("""{"@timestamp":"2023-11-14T22:13:20Z"}""").Records);
        Assert.Equal(1_700_000_000_000_000_000, record.TimeUnixNano);
    }

    [Fact]
    public void Decode_UnparseableTimestamp_KeptAsAttributeAndIntakeTimeUsed()
    {
        var record = Assert.Single(Decode("""{"timestamp":"yesterday"}""").Records);
        Assert.Equal(Received, record.TimeUnixNano);
        Assert.Equal("yesterday", Attr(record, "timestamp"));
    }

    [Theory]
    [InlineData("\"error\"", "error", 17)]
    [InlineData("\"ERR\"", "ERR", 17)]
    [InlineData("\"Warning\"", "Warning", 13)]
    [InlineData("\"info\"", "info", 9)]
    [InlineData("\"notice\"", "notice", 10)]
    [InlineData("\"debug\"", "debug", 5)]
    [InlineData("\"trace\"", "trace", 1)]
    [InlineData("\"critical\"", "critical", 21)]
    [InlineData("\"emergency\"", "emergency", 23)]
    [InlineData("\"fatal\"", "fatal", 23)]
    [InlineData("\"ok\"", "ok", 9)]
    [InlineData("3", "error", 17)]
    [InlineData("7", "debug", 5)]
    public void Decode_Status_MapsToSeverity(string json, string text, int number)
    {
        var record = Assert.Single(Decode("{\"status\":" + json + "}").Records);
        Assert.Equal(text, record.SeverityText);
        Assert.Equal(number, record.SeverityNumber);
    }

    [Fact]
    public void Decode_QueryDdtags_AddedToEveryLog()
    {
        var batch = Decode("""[{"message":"a"},"b"]""", "env:staging,team:core");
        Assert.Equal(2, batch.Count);
        Assert.All(batch.Records, r => Assert.Equal("staging", Attr(r, "env")));
        Assert.Equal("b", batch.Records[1].Body.AsString());
    }

    [Fact]
    public void Decode_EntriesOfTheSameServiceAndHost_ShareOneResource()
    {
        var batch = Decode("""[{"service":"a","hostname":"h"},{"service":"a","hostname":"h"},{"service":"b"}]""");
        Assert.Same(batch.Records[0].Resource, batch.Records[1].Resource);
        Assert.Equal("b", batch.Records[2].ServiceName);
    }

    [Fact]
    public void Decode_EmptyArray_NoLogs()
    {
        Assert.Equal(0, Decode("[]").Count);
    }

    [Fact]
    public void Decode_ThousandEntries_Accepted()
    {
        var json = "[" + string.Join(',', Enumerable.Repeat("{\"message\":\"x\"}", DatadogLogLimits.MaxEntries)) + "]";
        Assert.Equal(DatadogLogLimits.MaxEntries, Decode(json).Count);
    }

    [Fact]
    public void Decode_MoreThanThousandEntries_TooLarge()
    {
        var json = "[" + string.Join(',', Enumerable.Repeat("{}", DatadogLogLimits.MaxEntries + 1)) + "]";
        var ex = Assert.Throws<RequestBodyTooLargeException>(() => Decode(json));
        Assert.Contains("1000 entries", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_LogOverOneMegabyte_MessageTruncated()
    {
        var big = new string('a', DatadogLogLimits.MaxLogBytes + 5000);
        var record = Assert.Single(Decode("{\"message\":\"" + big + "\",\"after\":\"dropped\",\"status\":\"error\"}").Records);
        Assert.True(record.Body.AsString().Length < DatadogLogLimits.MaxLogBytes);
        Assert.True(record.Body.AsString().Length > DatadogLogLimits.MaxLogBytes - 100);
        Assert.DoesNotContain(record.Attributes, kv => kv.Key == "after");
        Assert.Equal("error", record.SeverityText);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("42", "number")]
    [InlineData("\"text\"", "string")]
    [InlineData("[1]", "entry 0: a JSON number")]
    [InlineData("[[]]", "entry 0: a JSON array")]
    [InlineData("[{\"message\":\"a\"}", "truncated")]
    [InlineData("{\"message\":\"a\"", "truncated")]
    [InlineData("{\"message\":}", "malformed JSON")]
    [InlineData("{\"a\":1}{\"b\":2}", "malformed JSON")]
    [InlineData("[{\"a\":1},]", "malformed JSON")]
    public void Decode_MalformedBody_RejectedWithReason(string json, string reason)
    {
        var ex = Assert.Throws<DatadogDecodeException>(() => Decode(json));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TooDeep_Rejected()
    {
        var json = "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 70)) + "1" + new string('}', 71);
        Assert.Throws<DatadogDecodeException>(() => Decode(json));
    }

    [Fact]
    public void Decode_InvalidUtf8_Rejected()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"message\":\"ab\"}");
        bytes[13] = 0xFF;
        Assert.Throws<DatadogDecodeException>(() => DatadogLogDecoder.Decode(new ReadOnlySequence<byte>(bytes), null, Received));
    }

    [Fact]
    public void Decode_EveryTruncation_RejectedNotCrashed()
    {
        var json = Encoding.UTF8.GetBytes("""[{"message":"hello","status":"info","dd":{"trace_id":"1"},"a":[1,2,{"b":null}],"timestamp":"2023-11-14T22:13:20Z"}]""");
        for (var length = 0; length < json.Length; length++)
        {
            var cut = json.AsMemory(0, length);
            Assert.Throws<DatadogDecodeException>(() => DatadogLogDecoder.Decode(new ReadOnlySequence<byte>(cut), null, Received));
        }
    }

    [Fact]
    public void Decode_SegmentedInput_SameAsContiguous()
    {
        var json = Encoding.UTF8.GetBytes("""[{"message":"hello \u00e9","service":"s","dd":{"trace_id":"42"},"k\u0065y":"v"}]""");
        var segmented = Segments.Split(json, 3);
        var record = Assert.Single(DatadogLogDecoder.Decode(segmented, null, Received).Records);
        Assert.Equal("hello é", record.Body.AsString());
        Assert.Equal("42", Attr(record, "dd.trace_id"));
        Assert.Equal("v", Attr(record, "key"));
        Assert.Equal("s", record.ServiceName);
    }
}
