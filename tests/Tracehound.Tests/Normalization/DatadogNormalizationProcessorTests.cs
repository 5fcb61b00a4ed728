using Tracehound.Model;
using Tracehound.Processing.Normalization;

namespace Tracehound.Tests.Normalization;

public sealed class DatadogNormalizationProcessorTests
{
    private const long Start = 1_700_000_000_000_000_000;

    private static Span DatadogSpan(DatadogSpanInfo info, params KeyValue[] attributes) => new()
    {
        TraceId = new TraceId(0, 5),
        SpanId = new SpanId(6),
        ParentSpanId = new SpanId(7),
        StartTimeUnixNano = Start,
        EndTimeUnixNano = Start + 10,
        Attributes = attributes,
        Datadog = info,
    };

    private static DatadogSpanInfo Normalize(DatadogSpanInfo info, params KeyValue[] attributes)
    {
        var span = DatadogSpan(info, attributes);
        new DatadogNormalizationProcessor().Process(new SpanBatch([span]));
        return span.Datadog!;
    }

    [Theory]
    [InlineData("", "", "unnamed-service")]
    [InlineData("", "nodejs", "unnamed-nodejs-service")]
    [InlineData("!!!", "", "unnamed-service")]
    [InlineData("Web Store", "", "web_store")]
    public void Service_EmptyOrInvalid_Fallback(string service, string language, string expected)
    {
        var info = new DatadogSpanInfo { Service = service, Name = "n", Payload = new DatadogPayloadInfo { LanguageName = language } };

        Assert.Equal(expected, Normalize(info).Service);
    }

    [Fact]
    public void Service_Over100Bytes_Truncated()
    {
        Assert.Equal(100, Normalize(new DatadogSpanInfo { Service = new string('s', 150), Name = "n" }).Service.Length);
    }

    [Theory]
    [InlineData("", "unnamed_operation")]
    [InlineData("/", "unnamed_operation")]
    [InlineData("trace-api.request", "trace_api.request")]
    public void Name_EmptyOrInvalid_FallbackOrNormalized(string name, string expected)
    {
        Assert.Equal(expected, Normalize(new DatadogSpanInfo { Service = "s", Name = name }).Name);
    }

    [Fact]
    public void Name_Over100Bytes_Truncated()
    {
        Assert.Equal(100, Normalize(new DatadogSpanInfo { Service = "s", Name = new string('n', 150) }).Name.Length);
    }

    [Fact]
    public void Resource_Empty_CopiesNormalizedName()
    {
        Assert.Equal("trace_api.request", Normalize(new DatadogSpanInfo { Service = "s", Name = "trace-api.request" }).Resource);
    }

    [Fact]
    public void Resource_Over5000Bytes_TruncatedWithoutSuffix()
    {
        Assert.Equal(new string('r', 5000), Normalize(new DatadogSpanInfo { Service = "s", Name = "n", Resource = new string('r', 6000) }).Resource);
    }

    [Fact]
    public void Type_Over100Bytes_Truncated()
    {
        Assert.Equal(100, Normalize(new DatadogSpanInfo { Service = "s", Name = "n", Type = new string('t', 101) }).Type.Length);
    }

    [Fact]
    public void ParentId_EqualToTraceAndSpanId_BecomesRoot()
    {
        var span = DatadogSpan(new DatadogSpanInfo { Service = "s", Name = "n" });
        span.TraceId = new TraceId(0, 6);
        span.ParentSpanId = new SpanId(6);

        new DatadogNormalizationProcessor().Process(new SpanBatch([span]));

        Assert.True(span.ParentSpanId.IsEmpty);
    }

    [Fact]
    public void Start_Before2000_MovedToNowMinusDuration()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var span = DatadogSpan(new DatadogSpanInfo { Service = "s", Name = "n" });
        span.StartTimeUnixNano = 1_000;
        span.EndTimeUnixNano = 1_500;

        new DatadogNormalizationProcessor(new FixedTime(now)).Process(new SpanBatch([span]));

        var nowNanos = (now - DateTimeOffset.UnixEpoch).Ticks * 100;
        Assert.Equal(nowNanos - 500, span.StartTimeUnixNano);
        Assert.Equal(500, span.DurationNanos);
    }

    [Fact]
    public void Duration_Negative_BecomesZero()
    {
        var span = DatadogSpan(new DatadogSpanInfo { Service = "s", Name = "n" });
        span.EndTimeUnixNano = Start - 5;

        new DatadogNormalizationProcessor().Process(new SpanBatch([span]));

        Assert.Equal(Start, span.EndTimeUnixNano);
    }

    [Theory]
    [InlineData("200", true)]
    [InlineData("100", true)]
    [InlineData("599", true)]
    [InlineData("99", false)]
    [InlineData("600", false)]
    [InlineData("abc", false)]
    [InlineData("200.5", false)]
    public void HttpStatusCode_OutsideRange_Removed(string code, bool kept)
    {
        var info = Normalize(new DatadogSpanInfo { Service = "s", Name = "n" }, KeyValue.String("http.status_code", code), KeyValue.String("other", "x"));

        if (kept)
        {
            Assert.Null(info.Meta); // nothing to change: the attributes stay the meta
        }
        else
        {
            Assert.DoesNotContain(info.Meta!, kv => kv.Key == "http.status_code");
            Assert.Contains(info.Meta!, kv => kv.Key == "other");
        }
    }

    [Fact]
    public void Meta_LongKeysAndValues_TruncatedWithSuffix_AttributesUntouched()
    {
        var longKey = new string('k', 250);
        var longValue = new string('v', 26_000);
        KeyValue[] attributes = [KeyValue.String(longKey, "x"), KeyValue.String("big", longValue),
            KeyValue.String("_dd.payload.json", longValue), KeyValue.Double(longKey, 1), KeyValue.String("env", "Prod Env"),
            KeyValue.String("peer.service", "Billing DB")];
        var span = DatadogSpan(new DatadogSpanInfo { Service = "s", Name = "n" }, attributes);

        new DatadogNormalizationProcessor().Process(new SpanBatch([span]));

        var meta = span.Datadog!.Meta!.ToDictionary(kv => kv.Key, kv => kv.Value.AsString());
        Assert.Equal("x", meta[new string('k', 200) + "..."]);
        Assert.Equal(new string('v', 25_000) + "...", meta["big"]);
        Assert.Equal(longValue, meta["_dd.payload.json"]);
        Assert.Equal("prod_env", meta["env"]);
        Assert.Equal("billing_db", meta["peer.service"]);
        Assert.Equal(new string('k', 200) + "...", Assert.Single(span.Datadog.Metrics!).Key);
        Assert.Equal(longKey, span.Attributes[0].Key);
        Assert.Equal(longValue, span.Attributes[1].Value.AsString());
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
