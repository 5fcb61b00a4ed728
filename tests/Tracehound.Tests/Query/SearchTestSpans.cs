using Tracehound.Model;
using Tracehound.Processing.Normalization;
using Tracehound.Processing.Semantics;

namespace Tracehound.Tests.Query;

/// <summary>
/// Spans for span search tests: OpenTelemetry spans of several services over four traces, with the
/// Datadog views the query API derives on read (<see cref="WithViews"/>).
/// </summary>
internal static class SearchTestSpans
{
    public const long Base = TestTraces.BaseNanos;
    public const long Ms = 1_000_000;

    public static readonly TraceId TraceA = new(0xa0a0a0a0a0a0a0a0, 0x1000000000000001);
    public static readonly TraceId TraceB = new(0xb0b0b0b0b0b0b0b0, 0x2000000000000002);
    public static readonly TraceId TraceC = new(0xc0c0c0c0c0c0c0c0, 0x3000000000000003);
    public static readonly TraceId TraceD = new(0xd0d0d0d0d0d0d0d0, 0x4000000000000004);

    /// <summary>
    /// A: web GET /users/{id} (200, 50 ms, prod) → its SQL child (5 ms). B: api, 503 error, 1.5 s,
    /// staging. C: a span of resource "legacy" renamed to billing by a datadog.service attribute
    /// (200 ms) → a child of "Mixed-Case Svc". D: worker, status unset but datadog.error=1.
    /// </summary>
    public static Span[] Raw() =>
    [
        new()
        {
            TraceId = TraceA, SpanId = new SpanId(0xa1), Name = "GET /users/{id}", Kind = SpanKind.Server,
            StartTimeUnixNano = Base, EndTimeUnixNano = Base + (50 * Ms),
            Attributes = [KeyValue.String("http.request.method", "GET"), KeyValue.String("http.route", "/users/{id}"), KeyValue.Int("http.response.status_code", 200)],
            Resource = new Resource([KeyValue.String("service.name", "web"), KeyValue.String("deployment.environment.name", "prod"), KeyValue.String("host.name", "web-1")]),
        },
        new()
        {
            TraceId = TraceA, SpanId = new SpanId(0xa2), ParentSpanId = new SpanId(0xa1), Name = "SELECT users", Kind = SpanKind.Client,
            StartTimeUnixNano = Base + (10 * Ms), EndTimeUnixNano = Base + (15 * Ms),
            Attributes = [KeyValue.String("db.system", "postgresql"), KeyValue.String("db.statement", "SELECT * FROM users WHERE id = ?")],
            Resource = new Resource([KeyValue.String("service.name", "web"), KeyValue.String("deployment.environment.name", "prod"), KeyValue.String("host.name", "web-1")]),
        },
        new()
        {
            TraceId = TraceB, SpanId = new SpanId(0xb1), Name = "POST /orders", Kind = SpanKind.Server,
            StartTimeUnixNano = Base + (1000 * Ms), EndTimeUnixNano = Base + (2500 * Ms),
            Attributes = [KeyValue.String("http.request.method", "POST"), KeyValue.String("http.route", "/orders"), KeyValue.Int("http.response.status_code", 503)],
            StatusCode = StatusCode.Error, StatusMessage = "upstream unavailable",
            Resource = new Resource([KeyValue.String("service.name", "api"), KeyValue.String("deployment.environment.name", "staging")]),
        },
        new()
        {
            TraceId = TraceC, SpanId = new SpanId(0xc1), Name = "charge", Kind = SpanKind.Internal,
            StartTimeUnixNano = Base + (2000 * Ms), EndTimeUnixNano = Base + (2200 * Ms),
            Attributes = [KeyValue.String("datadog.service", "billing"), KeyValue.String("colour", "red")],
            Resource = new Resource([KeyValue.String("service.name", "legacy")]),
        },
        new()
        {
            TraceId = TraceC, SpanId = new SpanId(0xc2), ParentSpanId = new SpanId(0xc1), Name = "refund", Kind = SpanKind.Internal,
            StartTimeUnixNano = Base + (2050 * Ms), EndTimeUnixNano = Base + (2060 * Ms),
            Resource = new Resource([KeyValue.String("service.name", "Mixed-Case Svc")]),
        },
        new()
        {
            TraceId = TraceD, SpanId = new SpanId(0xd1), Name = "job", Kind = SpanKind.Consumer,
            StartTimeUnixNano = Base + (3000 * Ms), EndTimeUnixNano = Base + (3100 * Ms),
            Attributes = [KeyValue.Int("datadog.error", 1)],
            Resource = new Resource([KeyValue.String("service.name", "worker")]),
        },
    ];

    /// <summary>The spans with the Datadog views the query API derives (same processors as <c>DatadogViewTraceStore</c>).</summary>
    public static Span[] WithViews()
    {
        var spans = Raw();
        var batch = new SpanBatch([.. spans]);
        new OtlpToDatadogProcessor(new DatadogSemanticsOptions()).Process(batch);
        new DatadogNormalizationProcessor().Process(batch);
        new TopLevelProcessor().Process(batch);
        return spans;
    }
}
