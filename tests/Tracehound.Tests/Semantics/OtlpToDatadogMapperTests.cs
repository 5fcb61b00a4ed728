using Tracehound.Model;
using Tracehound.Processing.Semantics;
using static Tracehound.Tests.Semantics.OtelSpans;

namespace Tracehound.Tests.Semantics;

public sealed class OtlpToDatadogMapperTests
{
    [Fact]
    public void Map_Service_FromServiceNameNormalized()
    {
        var span = Create(SpanKind.Server, resource: new Resource([KeyValue.String("service.name", "My Service")]));

        Assert.Equal("my_service", Map(span).Service);
    }

    [Fact]
    public void Map_NoServiceName_AgentFallback()
    {
        Assert.Equal("otlpresourcenoservicename", Map(Create(SpanKind.Server, resource: Resource.Empty)).Service);
    }

    [Fact]
    public void Map_DatadogAttributes_OverrideEveryField()
    {
        var span = Create(SpanKind.Server, attributes: Attributes(
            "datadog.service=dd-svc", "datadog.operation_name=dd.op", "datadog.resource_name=dd resource", "datadog.span.type=dd-type",
            "datadog.span.kind=client", "datadog.error=1", "datadog.error.msg=forced", "http.request.method=GET"));

        var info = Map(span);

        Assert.Equal(("dd-svc", "dd.op", "dd resource", "dd-type", 1), (info.Service, info.Name, info.Resource, info.Type, info.Error));
        Assert.Equal("client", Meta(info, "span.kind"));
        Assert.Equal("forced", Meta(info, "error.msg"));
    }

    [Fact]
    public void Map_IdsAndOtelMeta_AreSet()
    {
        var span = Create(SpanKind.Client);
        span.TraceState = "dd=s:1";
        span.StatusMessage = "fine";
        span.StatusCode = StatusCode.Ok;

        var info = Map(span);

        Assert.Equal("0af7651916cd43dd8448eb211c80319c", Meta(info, "otel.trace_id"));
        Assert.Equal("client", Meta(info, "span.kind"));
        Assert.Equal("my.scope", Meta(info, "otel.library.name"));
        Assert.Equal("1.0.0", Meta(info, "otel.library.version"));
        Assert.Equal("Ok", Meta(info, "otel.status_code"));
        Assert.Equal("fine", Meta(info, "otel.status_description"));
        Assert.Equal("dd=s:1", Meta(info, "w3c.tracestate"));
        Assert.Equal(0, info.Error);
    }

    [Fact]
    public void Map_Attributes_NumbersToMetricsOthersToMetaResourceCopied()
    {
        var span = Create(SpanKind.Internal, attributes:
        [
            KeyValue.Int("app.items", 3), KeyValue.Double("app.ratio", 0.5), KeyValue.Bool("app.flag", false),
            new KeyValue("app.tags", AnyValue.FromArray([AnyValue.FromString("a"), AnyValue.FromString("b")])),
            KeyValue.Int("sampling.priority", 2), KeyValue.String("_dd.measured", "1"), KeyValue.String("analytics.event", "true"),
        ], resource: new Resource([KeyValue.String("service.name", "svc"), KeyValue.Int("process.pid", 42), KeyValue.String("span.type", "x")]));

        var info = Map(span);

        Assert.Equal(3, Metric(info, "app.items"));
        Assert.Equal(0.5, Metric(info, "app.ratio"));
        Assert.Equal("false", Meta(info, "app.flag"));
        Assert.Equal("[\"a\",\"b\"]", Meta(info, "app.tags"));
        Assert.Equal(2, Metric(info, "_sampling_priority_v1"));
        Assert.Null(Metric(info, "sampling.priority"));
        Assert.Equal(1, Metric(info, "_dd.measured"));
        Assert.True(info.Measured);
        Assert.Equal(1, Metric(info, "_dd1.sr.eausr"));
        Assert.Equal("42", Meta(info, "process.pid"));
        Assert.Null(Meta(info, "service.name"));
        Assert.Null(Meta(info, "span.type"));
        Assert.Equal("x", info.Type);
        Assert.Equal(2, info.Chunk.Priority);
        Assert.Equal("-4", Meta(info, "_dd.p.dm"));
    }

    [Fact]
    public void Map_HttpConventions_RemappedToDatadogKeys()
    {
        var span = Create(SpanKind.Server, attributes: Attributes(
            "http.request.method=GET", "http.response.status_code=404", "client.address=10.0.0.1", "http.response.body.size=10",
            "http.request.body.size=20", "http.request.header.referrer=http://r", "network.protocol.version=1.1", "server.address=api",
            "url.full=http://api/x", "user_agent.original=curl", "http.request.header.x-id=abc", "db.namespace=appdb"));

        var info = Map(span);

        Assert.Equal("GET", Meta(info, "http.method"));
        Assert.Equal("404", Meta(info, "http.status_code"));
        Assert.Equal(404, Metric(info, "http.status_code"));
        Assert.Equal("10.0.0.1", Meta(info, "http.client_ip"));
        Assert.Equal("10", Meta(info, "http.response.content_length"));
        Assert.Equal("20", Meta(info, "http.request.content_length"));
        Assert.Equal("http://r", Meta(info, "http.referrer"));
        Assert.Equal("1.1", Meta(info, "http.version"));
        Assert.Equal("api", Meta(info, "http.server_name"));
        Assert.Equal("http://api/x", Meta(info, "http.url"));
        Assert.Equal("curl", Meta(info, "http.useragent"));
        Assert.Equal("abc", Meta(info, "http.request.headers.x-id"));
        Assert.Equal("appdb", Meta(info, "db.name"));
    }

    [Fact]
    public void Map_EnvAndVersion_FromResource()
    {
        var resource = new Resource([KeyValue.String("service.name", "svc"), KeyValue.String("service.version", "1.2.3"),
            KeyValue.String("deployment.environment", "Acceptance Env"), KeyValue.String("host.name", "web-1")]);

        var info = Map(Create(SpanKind.Server, resource: resource));

        Assert.Equal("acceptance_env", Meta(info, "env"));
        Assert.Equal("1.2.3", Meta(info, "version"));
        Assert.Equal("web-1", info.Payload.Hostname);
        Assert.Equal("acceptance_env", info.Payload.Env);
    }

    [Theory]
    [InlineData("localhost", "")]
    [InlineData("127.0.0.1", "")]
    [InlineData("box", "box")]
    public void Map_Hostname_LocalNamesRejected(string host, string expected)
    {
        var resource = new Resource([KeyValue.String("host.name", host)]);

        Assert.Equal(expected, Map(Create(SpanKind.Server, resource: resource)).Payload.Hostname);
    }

    [Fact]
    public void Map_DeploymentEnvironmentName_WinsOverOldKey()
    {
        var resource = new Resource([KeyValue.String("deployment.environment.name", "prod"), KeyValue.String("deployment.environment", "old")]);

        Assert.Equal("prod", Meta(Map(Create(SpanKind.Server, resource: resource)), "env"));
    }

    [Fact]
    public void Map_ErrorWithExceptionEvent_ErrorFieldsFromEvent()
    {
        var span = Create(SpanKind.Server);
        span.StatusCode = StatusCode.Error;
        span.StatusMessage = "payment declined";
        span.Events = [new SpanEvent(Start + 5, "Exception", [KeyValue.String("exception.message", "card declined"),
            KeyValue.String("exception.type", "PaymentError"), KeyValue.String("exception.stacktrace", "at x")])];

        var info = Map(span);

        Assert.Equal(1, info.Error);
        Assert.Equal("card declined", Meta(info, "error.msg"));
        Assert.Equal("PaymentError", Meta(info, "error.type"));
        Assert.Equal("at x", Meta(info, "error.stack"));
        Assert.Equal("true", Meta(info, "_dd.span_events.has_exception"));
        Assert.Contains("\"name\":\"Exception\"", Meta(info, "events"), StringComparison.Ordinal);
    }

    [Fact]
    public void Map_ErrorWithoutEvent_StatusMessageThenHttpStatus()
    {
        var withMessage = Create(SpanKind.Server);
        withMessage.StatusCode = StatusCode.Error;
        withMessage.StatusMessage = "boom";
        var withStatus = Create(SpanKind.Server, attributes: Attributes("http.response.status_code=503"));
        withStatus.StatusCode = StatusCode.Error;
        var bare = Create(SpanKind.Internal);
        bare.StatusCode = StatusCode.Error;

        Assert.Equal("boom", Meta(Map(withMessage), "error.msg"));
        Assert.Equal("503 Service Unavailable", Meta(Map(withStatus), "error.msg"));
        Assert.Null(Meta(Map(bare), "error.msg"));
        Assert.Equal(1, bare.Datadog!.Error);
    }

    [Fact]
    public void Map_NotAnError_HttpStatusDoesNotMakeOne()
    {
        var span = Create(SpanKind.Server, attributes: Attributes("http.response.status_code=500"));
        span.Events = [new SpanEvent(Start, "exception", [KeyValue.String("exception.message", "handled")])];

        var info = Map(span);

        Assert.Equal(0, info.Error);
        Assert.Null(Meta(info, "error.msg"));
        Assert.Equal("true", Meta(info, "_dd.span_events.has_exception"));
    }

    [Fact]
    public void Map_EventsAndLinks_AsAgentJson()
    {
        var span = Create(SpanKind.Consumer);
        span.Events = [new SpanEvent(1234, "cache.miss", [KeyValue.String("cache.key", "user:42"), KeyValue.Int("n", 3)])];
        span.Links = [new SpanLink(new TraceId(1, 2), new SpanId(3), "k=v", [KeyValue.Int("app.count", 7)], 2)];

        var info = Map(span);

        Assert.Equal("[{\"time_unix_nano\":1234,\"name\":\"cache.miss\",\"attributes\":{\"cache.key\":\"user:42\",\"n\":3}}]", Meta(info, "events"));
        Assert.Equal(
            "[{\"trace_id\":\"00000000000000010000000000000002\",\"span_id\":\"0000000000000003\",\"tracestate\":\"k=v\",\"attributes\":{\"app.count\":\"7\"},\"dropped_attributes_count\":2}]",
            Meta(info, "_dd.span_links"));
    }

    [Fact]
    public void Map_NoSamplingPriority_ChunkAutoKeptByRateSampler()
    {
        var info = Map(Create(SpanKind.Server));

        Assert.Equal(1, info.Chunk.Priority);
        Assert.Equal("-9", Meta(info, "_dd.p.dm"));
        Assert.Equal("1.00", Assert.Single(info.Chunk.Tags, kv => kv.Key == "_dd.otlp_sr").Value.AsString());
    }

    [Fact]
    public void Map_OtelView_LeftUntouched()
    {
        var attributes = Attributes("http.request.method=GET", "http.response.status_code=200");
        var span = Create(SpanKind.Server, "GET /x", attributes);

        Map(span);

        Assert.Equal("GET /x", span.Name);
        Assert.Same(attributes, span.Attributes);
        Assert.Equal(2, span.Attributes.Length);
    }

    [Fact]
    public void Map_DatadogSpan_NotRemapped()
    {
        var info = new DatadogSpanInfo { Service = "dd", Name = "web.request", Resource = "GET /", Type = "web" };
        var span = Create(SpanKind.Server);
        span.Datadog = info;

        new OtlpToDatadogProcessor(new DatadogSemanticsOptions()).Process(new SpanBatch([span]));

        Assert.Same(info, span.Datadog);
        Assert.Null(info.Meta);
    }
}
