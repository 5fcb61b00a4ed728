using Tracehound.Ingest.Otlp.Protobuf;
using Tracehound.Model;
using Tracehound.Processing.Normalization;
using Tracehound.Processing.Semantics;
using Tracehound.Tests.Otlp.Protobuf;
using static Tracehound.Tests.Semantics.OtelSpans;

namespace Tracehound.Tests.Semantics;

/// <summary>
/// The lean view made at ingest (<see cref="OtlpToDatadogProcessor.ForIngest"/>) against the full one
/// the query side makes: same fields, and every meta and metrics entry of the full view read back
/// through <see cref="DatadogTags"/> from the lean one.
/// </summary>
public sealed class LeanDatadogViewTests
{
    private static readonly Resource s_richResource = new(
    [
        KeyValue.String("service.name", "Checkout Service"),
        KeyValue.String("deployment.environment.name", "Prod Env"),
        KeyValue.String("service.version", "2.1.0"),
        KeyValue.String("host.name", "web-1"),
        KeyValue.Int("process.pid", 1234),
        KeyValue.String("sampling.priority", "not-a-number"),
        KeyValue.String("_dd.measured", "1"),
        KeyValue.String("team", "payments"),
    ]);

    /// <summary>Span factories: each is called twice, for the full and the lean run.</summary>
    public static TheoryData<string> Cases => [.. s_cases.Keys];

    private static readonly Dictionary<string, Func<Span>> s_cases = new()
    {
        ["http server"] = () => Create(SpanKind.Server, "GET /users/:id", Attributes(
            "http.request.method=GET", "http.route=/users/:id", "http.response.status_code=404", "url.full=http://a/users/1?x=2",
            "user_agent.original=curl/8", "client.address=10.0.0.1", "server.port=8080", "http.request.header.x-request-id=abc",
            "span.kind=server", "peer.service=Billing API")),
        ["http client error"] = () => Error(Create(SpanKind.Client, "GET", Attributes("http.method=POST", "http.status_code=503", "server.address=billing")), string.Empty),
        ["http client error with text"] = () => Error(Create(SpanKind.Client, "GET", Attributes("http.method=GET", "http.status_code=502", "http.status_text=Bad Gateway")), string.Empty),
        ["invalid status"] = () => Create(SpanKind.Server, "x", Attributes("http.request.method=GET", "http.response.status_code=abc")),
        ["sql client"] = () => Create(SpanKind.Client, "SELECT app.users", Attributes(
            "db.system=postgresql", "db.statement=SELECT * FROM users WHERE id = ?", "db.namespace=app", "net.peer.name=db-1")),
        ["redis client, measured"] = () => Create(SpanKind.Client, "GET", Attributes("db.system=redis", "db.statement=GET key", "_dd.measured=1")),
        ["messaging"] = () => Create(SpanKind.Producer, "publish orders", Attributes(
            "messaging.system=kafka", "messaging.operation=publish", "messaging.destination.name=orders", "sampling.priority=2", "analytics.event=true")),
        ["grpc"] = () => Create(SpanKind.Server, "pay", Attributes("rpc.system=grpc", "rpc.service=Payments", "rpc.method=Charge", "rpc.grpc.status_code=14")),
        ["rich resource"] = () => Create(SpanKind.Internal, "work", Attributes("team=core", "_sample_rate=0.5"), s_richResource),
        ["sample rate double"] = () =>
        {
            var span = Create(SpanKind.Server, "root");
            span.Attributes = [KeyValue.Double("_sample_rate", 0.25), KeyValue.Int("_dd.measured", 2), KeyValue.String("sampling.priority", "-1")];
            return span;
        },
        ["datadog overrides"] = () => Create(SpanKind.Client, "x", Attributes(
            "datadog.service=over", "datadog.operation_name=over.op", "datadog.resource_name=over res", "datadog.span.type=cache",
            "datadog.error=1", "datadog.error.msg=forced", "datadog.span.kind=consumer", "datadog.http_status_code=418", "datadog.env=staging",
            "datadog.version=9", "datadog.db.name=maindb")),
        ["exception events"] = () =>
        {
            var span = Error(Create(SpanKind.Server, "POST /orders", Attributes("http.request.method=POST", "http.route=/orders")), "declined");
            span.Events =
            [
                new SpanEvent(Start + 10, "exception", [KeyValue.String("exception.message", "first"), KeyValue.String("exception.type", "E1")]),
                new SpanEvent(Start + 20, "Exception", [KeyValue.String("exception.message", "second"), KeyValue.String("exception.stacktrace", "at x")]),
                new SpanEvent(Start + 30, "cache.miss", [KeyValue.Int("size", 3)]),
            ];
            span.Links = [new SpanLink(new TraceId(1, 2), new SpanId(3), "k=v", [KeyValue.String("a", "b")])];
            span.TraceState = "dd=s:1";
            span.StatusMessage = "declined";
            return span;
        },
        ["long value"] = () => Create(SpanKind.Internal, "big", [KeyValue.String("payload", new string('x', 30_000)), KeyValue.String("env", "UPPER case")]),
        ["v1 names"] = () => Create(SpanKind.Client, "call", Attributes("http.method=GET", "grpc.path=/svc/M")),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForIngest_Span_LeanViewReadsLikeFullView(string name)
    {
        var options = name == "v1 names" ? new DatadogSemanticsOptions { OperationNameV1 = true } : new DatadogSemanticsOptions();
        var full = s_cases[name]();
        var lean = s_cases[name]();

        Run(new SpanBatch([full]), options);
        RunIngest(new SpanBatch([lean]), options);

        AssertSameView(full, lean);
    }

    [Theory]
    [InlineData("otel-js-traces-http-proto")]
    [InlineData("otel-js-traces-grpc")]
    public void ForIngest_OtelJsFixture_LeanViewsReadLikeFullViews(string label)
    {
        var fixture = OtlpFixture.Load(label);
        var full = OtlpProtobufTraceDecoder.Decode(fixture.Sequence);
        var lean = OtlpProtobufTraceDecoder.Decode(fixture.Sequence);

        Run(full);
        RunIngest(lean);

        Assert.Equal(full.Count, lean.Count);
        for (var i = 0; i < full.Count; i++)
        {
            AssertSameView(full.Spans[i], lean.Spans[i]);
        }
    }

    [Fact]
    public void ForIngest_Chunk_PriorityFromSpanWithoutDecisionMakerMeta()
    {
        var span = Create(SpanKind.Server, "root", Attributes("sampling.priority=2"));

        RunIngest(new SpanBatch([span]));

        Assert.Equal(2, span.Datadog!.Chunk.Priority);
        Assert.Null(span.Datadog.Meta);
        Assert.Null(span.Datadog.Metrics);
        Assert.True(span.Datadog.Derived);
    }

    [Fact]
    public void ForIngest_DatadogSpan_LeftAsItCame()
    {
        var span = Create(SpanKind.Server, "root");
        var received = new DatadogSpanInfo { Service = "Sent", Name = "web.request", Resource = "GET /" };
        span.Datadog = received;

        RunIngest(new SpanBatch([span]));

        Assert.Same(received, span.Datadog);
        Assert.Equal("Sent", received.Service); // normalizing tracer-sent views is the normalization processor's job
    }

    private static void RunIngest(SpanBatch batch, DatadogSemanticsOptions? options = null)
    {
        OtlpToDatadogProcessor.ForIngest(options ?? new DatadogSemanticsOptions()).Process(batch);
        new TopLevelProcessor().Process(batch);
    }

    private static Span Error(Span span, string message)
    {
        span.StatusCode = StatusCode.Error;
        span.StatusMessage = message;
        return span;
    }

    private static void AssertSameView(Span fullSpan, Span leanSpan)
    {
        var full = fullSpan.Datadog!;
        var lean = leanSpan.Datadog!;
        Assert.True(lean.Derived);
        Assert.Null(lean.Meta);
        Assert.Null(lean.Metrics);
        Assert.Equal(
            (full.Service, full.Name, full.Resource, full.Type, full.Error, full.TopLevel, full.Measured, full.Chunk.Priority, full.Payload.Env, full.Payload.Hostname),
            (lean.Service, lean.Name, lean.Resource, lean.Type, lean.Error, lean.TopLevel, lean.Measured, lean.Chunk.Priority, lean.Payload.Env, lean.Payload.Hostname));
        Assert.Equal((fullSpan.StartTimeUnixNano, fullSpan.EndTimeUnixNano), (leanSpan.StartTimeUnixNano, leanSpan.EndTimeUnixNano));

        foreach (var kv in full.Meta!)
        {
            if (kv.Key == "_dd.p.dm")
            {
                continue; // the chunk's decision maker, on its first span of the full view only
            }

            Assert.True(DatadogTags.TryGetMeta(leanSpan, lean, kv.Key, out var value), $"meta {kv.Key} missing");
            Assert.Equal(kv.Value.AsString(), value);
        }

        foreach (var kv in full.Metrics!)
        {
            Assert.True(DatadogTags.TryGetMetric(leanSpan, lean, kv.Key, out var value), $"metric {kv.Key} missing");
            Assert.Equal(kv.Value.AsDouble(), value);
        }

        foreach (var key in (string[])["http.status_code", "http.method", "http.route", "error.msg", "error.type", "error.stack", "env", "version", "db.name",
                     "peer.service", "_sample_rate", "_dd.measured", "_sampling_priority_v1", "_dd1.sr.eausr", "sampling.priority", "no.such.key"])
        {
            Assert.Equal(DatadogTags.TryGetMeta(fullSpan, full, key, out _), DatadogTags.TryGetMeta(leanSpan, lean, key, out _));
            Assert.Equal(DatadogTags.TryGetMetric(fullSpan, full, key, out _), DatadogTags.TryGetMetric(leanSpan, lean, key, out _));
        }
    }
}
