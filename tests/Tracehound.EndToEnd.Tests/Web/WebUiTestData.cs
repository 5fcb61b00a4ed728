using System.Globalization;
using System.Text.Json;

namespace Tracehound.EndToEnd.Tests.Web;

/// <summary>
/// The trace and logs the browser tests look at, as OTLP/JSON: a checkout in <c>ui-shop</c> (server
/// span, a PostgreSQL query, an HTTP call) calling <c>ui-payments</c>, which fails with an exception.
/// </summary>
internal sealed class WebUiTestData
{
    public WebUiTestData()
    {
        TraceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        Start = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 5_000) * 1_000_000L;
    }

    public string TraceId { get; }

    public long Start { get; }

    public string Checkout { get; } = NewSpanId();

    public string Query { get; } = NewSpanId();

    public string Call { get; } = NewSpanId();

    public string Charge { get; } = NewSpanId();

    public string Validate { get; } = NewSpanId();

    public byte[] TracesJson() => JsonSerializer.SerializeToUtf8Bytes(new
    {
        resourceSpans = new object[]
        {
            ResourceSpans("ui-shop",
                Span(Checkout, null, "GET /checkout", 2, 0, 120, null, ("http.request.method", "GET"), ("http.route", "/checkout"), ("http.response.status_code", 200)),
                Span(Query, Checkout, "SELECT orders", 3, 45, 20, null, ("db.system", "postgresql"), ("db.name", "shop"), ("db.statement", "SELECT * FROM orders WHERE id = 42")),
                Span(Call, Checkout, "POST", 3, 40, 70, "payment failed", ("http.request.method", "POST"), ("url.full", "http://payments/charge"), ("http.response.status_code", 500))),
            ResourceSpans("ui-payments",
                Span(Charge, Call, "POST /charge", 2, 45, 60, "card declined", ("http.request.method", "POST"), ("http.route", "/charge"), ("http.response.status_code", 500)),
                Span(Validate, Charge, "validate card", 1, 50, 10, null, ("card.brand", "visa"))),
        },
    });

    public byte[] LogsJson() => JsonSerializer.SerializeToUtf8Bytes(new
    {
        resourceLogs = new object[]
        {
            new
            {
                resource = new { attributes = new[] { Attribute("service.name", "ui-shop") } },
                scopeLogs = new object[]
                {
                    new
                    {
                        scope = new { name = "e2e-logger" },
                        logRecords = new object[]
                        {
                            LogRecord(2, "INFO", 9, "checkout started", Checkout),
                            LogRecord(80, "ERROR", 17, "payment failed: card declined", Call),
                        },
                    },
                },
            },
        },
    });

    private object LogRecord(int offsetMs, string severity, int severityNumber, string body, string spanId) => new
    {
        timeUnixNano = Nanos(offsetMs),
        observedTimeUnixNano = Nanos(offsetMs),
        severityText = severity,
        severityNumber,
        body = new { stringValue = body },
        attributes = new[] { Attribute("order.id", "42") },
        traceId = TraceId,
        spanId,
    };

    private static object ResourceSpans(string service, params object[] spans) => new
    {
        resource = new { attributes = new[] { Attribute("service.name", service), Attribute("deployment.environment.name", "e2e") } },
        scopeSpans = new object[] { new { scope = new { name = "e2e-web" }, spans } },
    };

    private object Span(string id, string? parent, string name, int kind, int offsetMs, int durationMs, string? error, params (string Key, object Value)[] attributes) => new
    {
        traceId = TraceId,
        spanId = id,
        parentSpanId = parent ?? string.Empty,
        name,
        kind,
        startTimeUnixNano = Nanos(offsetMs),
        endTimeUnixNano = Nanos(offsetMs + durationMs),
        attributes = attributes.Select(a => Attribute(a.Key, a.Value)).ToArray(),
        events = id == Charge
            ? new object[]
            {
                new
                {
                    timeUnixNano = Nanos(offsetMs + 50),
                    name = "exception",
                    attributes = new[]
                    {
                        Attribute("exception.type", "CardDeclinedError"),
                        Attribute("exception.message", "card declined"),
                        Attribute("exception.stacktrace", "CardDeclinedError: card declined\n    at charge (payments.js:42:11)\n    at handle (server.js:7:3)"),
                    },
                },
            }
            : [],
        status = error is null ? (object)new { code = 0 } : new { code = 2, message = error },
    };

    private string Nanos(int offsetMs) => (Start + (offsetMs * 1_000_000L)).ToString(CultureInfo.InvariantCulture);

    private static object Attribute(string key, object value) => new
    {
        key,
        value = value switch
        {
            int i => (object)new { intValue = i.ToString(CultureInfo.InvariantCulture) },
            _ => new { stringValue = (string)value },
        },
    };

    private static string NewSpanId() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..8]);
}
