using Tracehound.Model;
using static Tracehound.Tests.Storage.StoreTestSpans;

namespace Tracehound.Tests.Storage;

/// <summary>Builds log records for the store tests.</summary>
internal static class StoreTestLogs
{
    public static LogRecord Log(
        Resource resource,
        string body,
        long offsetMs,
        TraceId traceId = default,
        ulong spanId = 0,
        int severity = 9,
        KeyValue[]? attributes = null) => new()
    {
        TimeUnixNano = BaseTime + (offsetMs * Millisecond),
        ObservedTimeUnixNano = BaseTime + (offsetMs * Millisecond) + 5,
        TraceId = traceId,
        SpanId = new SpanId(spanId),
        SeverityNumber = severity,
        SeverityText = severity >= 17 ? "ERROR" : "INFO",
        Body = AnyValue.FromString(body),
        Attributes = attributes ?? [],
        Resource = resource,
        Scope = new InstrumentationScope("test.logger", "2.0.0", []),
    };

    public static LogBatch LogBatchOf(params LogRecord[] records) => new([.. records]);

    /// <summary>A record with every field set and every value type, for exact round trips.</summary>
    public static LogRecord FullLog() => new()
    {
        TimeUnixNano = BaseTime + 123_456_789,
        ObservedTimeUnixNano = BaseTime + 223_456_789,
        SeverityNumber = 17,
        SeverityText = "Error",
        Body = AnyValue.FromKeyValueList([KeyValue.String("event", "payment failed"), KeyValue.Int("amount", 42)]),
        Attributes =
        [
            KeyValue.String("user", "zoë"),
            KeyValue.Int("retries", -3),
            KeyValue.Double("ratio", 0.25),
            KeyValue.Bool("final", true),
            new KeyValue("raw", AnyValue.FromBytes([0, 1, 255])),
            new KeyValue("list", AnyValue.FromArray([AnyValue.FromString("a"), AnyValue.FromInt(2)])),
        ],
        DroppedAttributesCount = 2,
        Flags = 1,
        TraceId = Id(0x0102030405060708, 0x090a0b0c0d0e0f10),
        SpanId = new SpanId(0x1112131415161718),
        EventName = "payment.failed",
        Resource = ResourceFor("payments", KeyValue.String("deployment.environment", "prod")),
        Scope = new InstrumentationScope("com.example.payments", "3.1.4", [KeyValue.String("lib", "x")], 1, "https://opentelemetry.io/schemas/1.24.0"),
    };
}
