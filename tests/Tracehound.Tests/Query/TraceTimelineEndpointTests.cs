using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Tracehound.Model;
using Tracehound.Processing.Semantics;
using Tracehound.Query;
using Tracehound.Query.V1;
using Tracehound.Storage;

namespace Tracehound.Tests.Query;

/// <summary>
/// <c>/api/v1/traces/{id}/timeline</c>, <c>/spans/{spanId}</c> and <c>/find</c>: the compact columns, and
/// that the lean fields and the one-span view equal what the full trace (<c>/api/v1/traces/{id}</c>) says.
/// </summary>
public sealed class TraceTimelineEndpointTests(TraceTimelineEndpointTests.Server server) : IClassFixture<TraceTimelineEndpointTests.Server>
{
    /// <summary>The trace the HTTP tests read (its spans gain views as the full endpoint is read).</summary>
    private static readonly TraceId SharedId = TestTraces.FullId;

    /// <summary>A second copy only <see cref="Span_OverHttp_EqualsTheSpanOfTheFullTrace"/> reads, so no view is there before it.</summary>
    private static readonly TraceId PristineId = new(0x77, 0x8899aabbccddeeff);

    private static readonly DatadogSemanticsOptions Semantics = new();

    /// <summary>
    /// A trace with a bit of everything the views depend on: the query tests' three spans (error
    /// status, exception event, link, two services), a database client span of a third resource
    /// carrying a sampling priority (chunk decision tag), an orphan, a Datadog tracer's span with its
    /// own view, and a span whose <c>datadog.*</c> attributes override the derived fields.
    /// </summary>
    internal static Span[] Build(TraceId id)
    {
        var database = new Resource([KeyValue.String("service.name", "orders-db-client"), KeyValue.String("telemetry.sdk.language", "dotnet")]);
        var spans = new List<Span>(TestTraces.Trace(id))
        {
            new()
            {
                TraceId = id, SpanId = new SpanId(0x3333333333333333), ParentSpanId = new SpanId(0x2222222222222222),
                Name = "SELECT orders", Kind = SpanKind.Client,
                StartTimeUnixNano = TestTraces.BaseNanos + 25_000_000, EndTimeUnixNano = TestTraces.BaseNanos + 30_000_000,
                Attributes = [KeyValue.String("db.system", "postgresql"), KeyValue.String("db.statement", "SELECT * FROM orders WHERE id = 42"), KeyValue.Int("sampling.priority", 2)],
                Resource = database,
            },
            new()
            {
                TraceId = id, SpanId = new SpanId(0x4444444444444444), ParentSpanId = new SpanId(0x3333333333333333),
                Name = "fetch rows", Kind = SpanKind.Internal, StatusCode = StatusCode.Error,
                StartTimeUnixNano = TestTraces.BaseNanos + 26_000_000, EndTimeUnixNano = TestTraces.BaseNanos + 27_000_000,
                Attributes = [KeyValue.String("datadog.error", "0"), KeyValue.String("datadog.resource_name", "custom resource"), KeyValue.String("datadog.span.type", "sql")],
                Resource = database,
            },
            new()
            {
                TraceId = id, SpanId = new SpanId(0x5555555555555555), ParentSpanId = new SpanId(0x9999999999999999),
                Name = "late consumer", Kind = SpanKind.Consumer,
                StartTimeUnixNano = TestTraces.BaseNanos + 200_000_000, EndTimeUnixNano = TestTraces.BaseNanos + 210_000_000,
                Resource = TestTraces.BackendResource(),
            },
            new()
            {
                TraceId = id, SpanId = new SpanId(0x6666666666666666), ParentSpanId = new SpanId(0x00f067aa0ba902b7),
                Name = "web.request", Kind = SpanKind.Server,
                StartTimeUnixNano = TestTraces.BaseNanos + 70_000_000, EndTimeUnixNano = TestTraces.BaseNanos + 90_000_000,
                Attributes = [KeyValue.String("component", "express")],
                Resource = new Resource([KeyValue.String("service.name", "dd-svc")]),
                Datadog = new DatadogSpanInfo { Service = "dd-svc", Name = "express.request", Resource = "GET /dd", Type = "web", Error = 1 },
            },
        };
        return [.. spans];
    }

    private static InMemoryTraceStore StoreOf(TraceId id)
    {
        var store = new InMemoryTraceStore();
        store.Add(Build(id));
        return store;
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await server.Client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return (response.StatusCode, document.RootElement.Clone());
    }

    private static string Text(JsonElement timeline, string column, int index) =>
        timeline.GetProperty("strings")[timeline.GetProperty(column)[index].GetInt32()].GetString()!;

    [Fact]
    public async Task TimelineFields_EveryKindOfSpan_EqualTheFullDatadogView()
    {
        var full = (await new DatadogViewTraceStore(StoreOf(SharedId), Semantics).GetTraceAsync(TraceLookup.Full(SharedId), default))!;
        var stored = (await StoreOf(SharedId).GetTraceAsync(TraceLookup.Full(SharedId), default))!;
        var timeline = JsonTestHelper.Write(w => TraceTimelineWriter.Write(w, stored, new TimelineSpanFields(Semantics)));

        Assert.Equal(full.Spans.Count, timeline.GetProperty("spanCount").GetInt32());
        for (var i = 0; i < full.Spans.Count; i++)
        {
            var span = full.Spans[i];
            var view = span.Datadog!;
            Assert.Equal(span.SpanId.ToHex(), timeline.GetProperty("id")[i].GetString());
            Assert.Equal(view.Service, Text(timeline, "service", i));
            Assert.Equal(view.Name, Text(timeline, "operation", i));
            Assert.Equal(view.Resource, Text(timeline, "resource", i));
            Assert.Equal(view.Type, Text(timeline, "type", i));
            Assert.Equal(span.Name, Text(timeline, "name", i));
            Assert.Equal(view.Error, timeline.GetProperty("error")[i].GetInt32());
            Assert.Equal(span.DurationNanos, timeline.GetProperty("duration")[i].GetInt64());
            Assert.Equal(span.StartTimeUnixNano, timeline.GetProperty("start").GetInt64() + timeline.GetProperty("startOffset")[i].GetInt64());
        }

        // The overrides and the tracer's own view are among what was compared.
        Assert.Contains(full.Spans, s => s.Datadog!.Resource == "custom resource" && s.Datadog.Error == 0 && s.StatusCode == StatusCode.Error);
        Assert.Contains(full.Spans, s => s.Datadog!.Name == "express.request");
    }

    [Fact]
    public async Task OneSpanView_EverySpan_EqualsItsJsonInTheFullTrace()
    {
        var full = (await new DatadogViewTraceStore(StoreOf(SharedId), Semantics).GetTraceAsync(TraceLookup.Full(SharedId), default))!;
        foreach (var expected in full.Spans)
        {
            // A fresh copy each time: only the span's own context gets views.
            var view = new DatadogViewTraceStore(StoreOf(SharedId), Semantics);
            var stored = (await view.Stored.GetTraceAsync(TraceLookup.Full(SharedId), default))!;
            var span = stored.Spans.Single(s => s.SpanId == expected.SpanId);
            view.CompleteViews(TraceTimelineEndpoints.ViewContext(stored.Spans, span));

            Assert.Equal(Json(w => TracehoundTraceWriter.WriteSpan(w, expected)), Json(w => TracehoundTraceWriter.WriteSpan(w, span)));
        }

        // The chunk's sampling decision tag sits on one span of the database resource, as in the full trace.
        Assert.Single(full.Spans, s => s.Resource.Attributes[0].Value.ToString() == "orders-db-client" && s.Datadog!.Meta!.Any(kv => kv.Key == "_dd.p.dm" && kv.Value.ToString() == "-4"));
    }

    [Fact]
    public async Task Timeline_Tree_ParentIndexesRootAndOrphan()
    {
        var (status, timeline) = await GetAsync($"/api/v1/traces/{SharedId.ToHex()}/timeline");

        Assert.Equal(HttpStatusCode.OK, status);
        var ids = timeline.GetProperty("id").EnumerateArray().Select(e => e.GetString()!).ToList();
        var parents = timeline.GetProperty("parent").EnumerateArray().Select(e => e.GetInt32()).ToList();
        Assert.Equal(TraceTimelineWriter.NoParent, parents[ids.IndexOf("00f067aa0ba902b7")]);
        Assert.Equal(TraceTimelineWriter.MissingParent, parents[ids.IndexOf("5555555555555555")]);
        Assert.Equal(ids.IndexOf("2222222222222222"), parents[ids.IndexOf("3333333333333333")]);
        Assert.Equal(ids.IndexOf("00f067aa0ba902b7"), parents[ids.IndexOf("1111111111111111")]);
        Assert.Equal("server", Text(timeline, "kind", ids.IndexOf("00f067aa0ba902b7")));
        var strings = timeline.GetProperty("strings").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(strings.Count, strings.Distinct().Count());
    }

    [Theory]
    [InlineData("0af7651916cd43dd8448eb211c80319c")]
    [InlineData("8448eb211c80319c")]
    [InlineData("9532127138774266268")]
    public async Task Timeline_AnyIdForm_TheTrace(string id)
    {
        var (status, timeline) = await GetAsync($"/api/v1/traces/{id}/timeline");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(SharedId.ToHex(), timeline.GetProperty("traceId").GetString());
        Assert.Equal(Build(SharedId).Length, timeline.GetProperty("id").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/v1/traces/xyz/timeline", HttpStatusCode.BadRequest, "malformed trace ID")]
    [InlineData("/api/v1/traces/0/timeline", HttpStatusCode.BadRequest, "must not be zero")]
    [InlineData("/api/v1/traces/123abc123abc/timeline", HttpStatusCode.NotFound, "trace not found")]
    [InlineData("/api/v1/traces/0af7651916cd43dd8448eb211c80319c/spans/nothex", HttpStatusCode.BadRequest, "malformed span ID")]
    [InlineData("/api/v1/traces/0af7651916cd43dd8448eb211c80319c/spans/0", HttpStatusCode.BadRequest, "malformed span ID")]
    [InlineData("/api/v1/traces/0af7651916cd43dd8448eb211c80319c/spans/abc", HttpStatusCode.NotFound, "span not found")]
    [InlineData("/api/v1/traces/123abc123abc/spans/abc", HttpStatusCode.NotFound, "trace not found")]
    [InlineData("/api/v1/traces/0af7651916cd43dd8448eb211c80319c/find", HttpStatusCode.BadRequest, "'text' is required")]
    [InlineData("/api/v1/traces/123abc123abc/find?text=x", HttpStatusCode.NotFound, "trace not found")]
    public async Task Endpoints_BadOrUnknownIds_ErrorWithReason(string path, HttpStatusCode expected, string reason)
    {
        var (status, body) = await GetAsync(path);

        Assert.Equal(expected, status);
        Assert.Contains(reason, body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Span_OverHttp_EqualsTheSpanOfTheFullTrace()
    {
        // The span first (its trace has no views yet), then the full trace.
        var (status, span) = await GetAsync($"/api/v1/traces/{PristineId.ToHex()}/spans/3333333333333333");
        var (_, full) = await GetAsync($"/api/v1/traces/{PristineId.ToHex()}");

        Assert.Equal(HttpStatusCode.OK, status);
        var expected = full.GetProperty("spans").EnumerateArray().Single(s => s.GetProperty("spanId").GetString() == "3333333333333333");
        Assert.Equal(expected.GetRawText(), span.GetRawText());
        Assert.Equal("postgresql", span.GetProperty("attributes").GetProperty("db.system").GetString());
        Assert.Equal("postgresql.query", span.GetProperty("datadog").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("P-1", "2222222222222222")] // an attribute value, any case
    [InlineData("db.statement", "3333333333333333")] // an attribute key
    [InlineData("custom RESOURCE", "4444444444444444")] // a Datadog resource
    [InlineData("express.request", "6666666666666666")] // a tracer's own view
    public async Task Find_Text_TheMatchingSpans(string text, string spanId)
    {
        var (status, body) = await GetAsync($"/api/v1/traces/{SharedId.ToHex()}/find?text={Uri.EscapeDataString(text)}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(spanId, Assert.Single(body.GetProperty("spanIds").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Find_NoMatch_EmptyList()
    {
        var (status, body) = await GetAsync($"/api/v1/traces/{SharedId.ToHex()}/find?text=no-such-text");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body.GetProperty("spanIds").GetArrayLength());
    }

    /// <summary><see cref="QueryApiHost"/> over the query side's view store, as the server wires it.</summary>
    public sealed class Server : IAsyncLifetime
    {
        private QueryApiHost? _host;

        public HttpClient Client => _host!.Client;

        public async Task InitializeAsync()
        {
            var store = new InMemoryTraceStore();
            store.Add(Build(SharedId));
            store.Add(Build(PristineId));
            _host = await QueryApiHost.StartAsync(new DatadogViewTraceStore(store, Semantics));
        }

        public async Task DisposeAsync()
        {
            if (_host is not null)
            {
                await _host.DisposeAsync();
            }
        }
    }
}
