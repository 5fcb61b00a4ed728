using System.Net;
using System.Text.Json;
using Tracehound.Model;
using static Tracehound.Tests.Query.JsonTestHelper;

namespace Tracehound.Tests.Query;

public sealed class QueryApiEndpointTests(QueryApiServer server) : IClassFixture<QueryApiServer>
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await server.Client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        using var document = JsonDocument.Parse(text);
        return (response.StatusCode, document.RootElement.Clone());
    }

    private static void AssertJaegerEnvelope(JsonElement body, int total)
    {
        Assert.Equal(total, body.GetProperty("total").GetInt32());
        Assert.Equal(0, body.GetProperty("limit").GetInt32());
        Assert.Equal(0, body.GetProperty("offset").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("errors").ValueKind);
    }

    private static void AssertJaegerError(HttpStatusCode expected, (HttpStatusCode Status, JsonElement Body) response, string? message = null)
    {
        Assert.Equal(expected, response.Status);
        Assert.Equal(JsonValueKind.Null, response.Body.GetProperty("data").ValueKind);
        Assert.Equal(0, response.Body.GetProperty("total").GetInt32());
        var error = Assert.Single(response.Body.GetProperty("errors").EnumerateArray());
        Assert.Equal((int)expected, error.GetProperty("code").GetInt32());
        var msg = error.GetProperty("msg").GetString();
        Assert.False(string.IsNullOrEmpty(msg));
        if (message is not null)
        {
            Assert.Equal(message, msg);
        }
    }

    private static string[] TraceIds(JsonElement body) =>
        [.. body.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("traceID").GetString()!)];

    [Fact]
    public async Task Services_Get_ListsSortedServicesInEnvelope()
    {
        var (status, body) = await GetAsync("/api/services");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["backend", "frontend", "search-svc"], body.GetProperty("data").EnumerateArray().Select(e => e.GetString()));
        AssertJaegerEnvelope(body, 3);
    }

    [Fact]
    public async Task ServiceOperations_Get_ListsNamesOnce()
    {
        var (status, body) = await GetAsync("/api/services/search-svc/operations");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["fast", "slow"], body.GetProperty("data").EnumerateArray().Select(e => e.GetString()));
        AssertJaegerEnvelope(body, 2);
    }

    [Fact]
    public async Task Operations_WithSpanKind_FiltersAndWritesKindWords()
    {
        var all = await GetAsync("/api/operations?service=frontend");
        var server = await GetAsync("/api/operations?service=frontend&spanKind=server");

        Assert.Equal(HttpStatusCode.OK, all.Status);
        var operations = all.Body.GetProperty("data").EnumerateArray()
            .Select(o => (o.GetProperty("name").GetString(), o.GetProperty("spanKind").GetString())).ToArray();
        Assert.Equal([("GET /checkout", "server"), ("HTTP POST", "client")], operations);
        AssertJaegerEnvelope(all.Body, 2);
        Assert.Equal("GET /checkout", Assert.Single(server.Body.GetProperty("data").EnumerateArray()).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("/api/operations")]
    [InlineData("/api/operations?service=frontend&spanKind=sideways")]
    public async Task Operations_MissingServiceOrBadKind_Returns400(string path)
    {
        AssertJaegerError(HttpStatusCode.BadRequest, await GetAsync(path));
    }

    [Theory]
    [InlineData("0af7651916cd43dd8448eb211c80319c")]
    [InlineData("0AF7651916CD43DD8448EB211C80319C")]
    [InlineData("8448eb211c80319c")]
    [InlineData("9532127138774266268")]
    public async Task Trace_EachIdFormOf128BitTrace_FindsIt(string id)
    {
        var (status, body) = await GetAsync("/api/traces/" + id);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["0af7651916cd43dd8448eb211c80319c"], TraceIds(body));
        AssertJaegerEnvelope(body, 0);
        var trace = body.GetProperty("data")[0];
        Assert.Equal(3, trace.GetProperty("spans").GetArrayLength());
        Assert.Equal(2, trace.GetProperty("processes").EnumerateObject().Count());
    }

    [Theory]
    [InlineData("00000000000000000000000000abcdef")]
    [InlineData("0000000000abcdef")]
    [InlineData("abcdef")]
    [InlineData("11259375")]
    public async Task Trace_EachIdFormOfTraceWithZeroHighBits_FindsIt(string id)
    {
        var (status, body) = await GetAsync("/api/traces/" + id);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["00000000000000000000000000abcdef"], TraceIds(body));
    }

    [Fact]
    public async Task Trace_DecimalThatIsAlsoValidHex_FallsBackToDecimal()
    {
        var (status, body) = await GetAsync("/api/traces/1234567890123456");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([TestTraces.DecimalLookingId.ToHex()], TraceIds(body));
    }

    [Fact]
    public async Task Trace_Unknown_Returns404Envelope()
    {
        AssertJaegerError(HttpStatusCode.NotFound, await GetAsync("/api/traces/0af7651916cd43dd8448eb211c803199"), "trace not found");
    }

    [Theory]
    [InlineData("nothex")]
    [InlineData("0af7651916cd43dd8448eb211c80319c00")]
    [InlineData("00000000000000000000000000000000")]
    public async Task Trace_MalformedId_Returns400Envelope(string id)
    {
        AssertJaegerError(HttpStatusCode.BadRequest, await GetAsync("/api/traces/" + id));
    }

    [Fact]
    public async Task Traces_SeveralTraceIds_ReturnsFoundAndReportsMissing()
    {
        var (status, body) = await GetAsync("/api/traces?traceID=0af7651916cd43dd8448eb211c80319c&traceID=abcdef&traceID=123abc");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["0af7651916cd43dd8448eb211c80319c", "00000000000000000000000000abcdef"], TraceIds(body));
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("trace not found", error.GetProperty("msg").GetString());
        Assert.Equal("123abc", error.GetProperty("traceID").GetString());
        Assert.False(error.TryGetProperty("code", out _));
    }

    [Fact]
    public async Task Traces_SearchByService_ReturnsMostRecentFirst()
    {
        var (status, body) = await GetAsync("/api/traces?service=search-svc");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            ["00000000000000aa0000000000000002", "00000000000000aa0000000000000001", "00000000000000aa0000000000000003"],
            TraceIds(body));
        AssertJaegerEnvelope(body, 0);
    }

    [Fact]
    public async Task Traces_SearchWithLimit_ReturnsThatMany()
    {
        Assert.Single(TraceIds((await GetAsync("/api/traces?service=search-svc&limit=1")).Body));
    }

    [Theory]
    [InlineData("minDuration=1s", "00000000000000aa0000000000000002")]
    [InlineData("maxDuration=6ms", "00000000000000aa0000000000000001")]
    [InlineData("minDuration=6000us&maxDuration=7.5ms", "00000000000000aa0000000000000003")]
    [InlineData("minDuration=6000µs&maxDuration=0.5s", "00000000000000aa0000000000000003")]
    [InlineData("operation=slow", "00000000000000aa0000000000000002")]
    [InlineData("tags=span.kind%3Dclient", "00000000000000aa0000000000000002")]
    public async Task Traces_SearchFilters_SelectOneTrace(string parameters, string traceId)
    {
        var (status, body) = await GetAsync("/api/traces?service=search-svc&" + parameters);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([traceId], TraceIds(body));
    }

    [Fact]
    public async Task Traces_Lookback_ExcludesTraceBeforeIt()
    {
        // Now is BaseNanos + 1h; the traces start at -1h, -59m and -2h relative to BaseNanos.
        var (_, body) = await GetAsync("/api/traces?service=search-svc&lookback=150m");

        Assert.Equal(["00000000000000aa0000000000000002", "00000000000000aa0000000000000001"], TraceIds(body));
    }

    [Fact]
    public async Task Traces_StartAndEndMicros_BoundSpanStart()
    {
        var start = (TestTraces.BaseNanos - 3_600_000_000_000) / 1000;
        var (_, body) = await GetAsync($"/api/traces?service=search-svc&start={start}&end={start + 1}");

        Assert.Equal(["00000000000000aa0000000000000001"], TraceIds(body));
    }

    [Theory]
    [InlineData("tags=%7B%22http.status_code%22%3A%22500%22%7D")]
    [InlineData("tags=error%3Dtrue%20http.method%3DGET")]
    [InlineData("tag=http.status_code:500&tag=error:true")]
    [InlineData("tags=%7B%22host.name%22%3A%22web-1%22%7D")]
    [InlineData("tags=%7B%22exception.type%22%3A%22System.InvalidOperationException%22%7D")]
    public async Task Traces_TagForms_FindTracesWithTheErrorSpan(string parameters)
    {
        var (status, body) = await GetAsync("/api/traces?service=frontend&" + parameters);

        Assert.Equal(HttpStatusCode.OK, status);
        string[] expected = ["00000000000000000000000000abcdef", "0af7651916cd43dd8448eb211c80319c", TestTraces.DecimalLookingId.ToHex()];
        Assert.Equal(expected.Order(), TraceIds(body).Order());
    }

    [Fact]
    public async Task Traces_TagThatNoSpanHas_FindsNothing()
    {
        var (status, body) = await GetAsync("/api/traces?service=frontend&tags=%7B%22http.status_code%22%3A%22404%22%7D");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(TraceIds(body));
    }

    [Theory]
    [InlineData("/api/traces")]
    [InlineData("/api/traces?service=s&minDuration=10")]
    [InlineData("/api/traces?service=s&maxDuration=1y")]
    [InlineData("/api/traces?service=s&tags=%7Bbroken")]
    [InlineData("/api/traces?service=s&tags=a%3D%22open")]
    [InlineData("/api/traces?service=s&tag=nocolon")]
    [InlineData("/api/traces?service=s&start=yesterday")]
    [InlineData("/api/traces?service=s&end=1.5")]
    [InlineData("/api/traces?service=s&lookback=soon")]
    [InlineData("/api/traces?service=s&limit=many")]
    [InlineData("/api/traces?traceID=xyz")]
    public async Task Traces_MalformedParameter_Returns400Envelope(string path)
    {
        AssertJaegerError(HttpStatusCode.BadRequest, await GetAsync(path));
    }

    [Theory]
    [InlineData("0af7651916cd43dd8448eb211c80319c")]
    [InlineData("8448eb211c80319c")]
    [InlineData("9532127138774266268")]
    public async Task V1Trace_EachIdForm_FindsIt(string id)
    {
        var (status, body) = await GetAsync("/api/v1/traces/" + id);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", body.GetProperty("traceId").GetString());
        var root = SpanById(body.GetProperty("spans"), "spanId", "00f067aa0ba902b7");
        Assert.Equal("server", root.GetProperty("kind").GetString());
        Assert.Equal(500, root.GetProperty("attributes").GetProperty("http.status_code").GetInt64());
    }

    [Theory]
    [InlineData("/api/v1/traces/0af7651916cd43dd8448eb211c803199", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/traces/zz", HttpStatusCode.BadRequest)]
    public async Task V1Trace_UnknownOrMalformed_ReturnsErrorObject(string path, HttpStatusCode expected)
    {
        var (status, body) = await GetAsync(path);

        Assert.Equal(expected, status);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetString()));
        Assert.Single(body.EnumerateObject());
    }

    [Theory]
    [InlineData("0af7651916cd43dd8448eb211c80319c")]
    [InlineData("8448eb211c80319c")]
    [InlineData("9532127138774266268")]
    public async Task V3Trace_EachIdForm_ReturnsOtlpJsonInResultWrapper(string id)
    {
        var (status, body) = await GetAsync("/api/v3/traces/" + id);

        Assert.Equal(HttpStatusCode.OK, status);
        var resourceSpans = body.GetProperty("result").GetProperty("resourceSpans");
        Assert.Equal(2, resourceSpans.GetArrayLength());
        var span = resourceSpans[0].GetProperty("scopeSpans")[0].GetProperty("spans")[0];
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", span.GetProperty("traceId").GetString());
        Assert.Equal(2, span.GetProperty("kind").GetInt32());
    }

    [Theory]
    [InlineData("/api/v3/traces/0af7651916cd43dd8448eb211c803199", HttpStatusCode.NotFound)]
    [InlineData("/api/v3/traces/notanid", HttpStatusCode.BadRequest)]
    [InlineData("/api/v3/traces?query.service_name=frontend", HttpStatusCode.BadRequest)]
    [InlineData("/api/v3/traces?query.service_name=frontend&query.start_time_min=yesterday&query.start_time_max=2030-01-01T00:00:00Z", HttpStatusCode.BadRequest)]
    [InlineData("/api/v3/traces?query.service_name=nobody&query.start_time_min=2000-01-01T00:00:00Z&query.start_time_max=2030-01-01T00:00:00Z", HttpStatusCode.NotFound)]
    [InlineData("/api/v3/operations", HttpStatusCode.BadRequest)]
    public async Task V3_ErrorCases_ReturnGatewayError(string path, HttpStatusCode expected)
    {
        var (status, body) = await GetAsync(path);

        Assert.Equal(expected, status);
        Assert.Equal((int)expected, body.GetProperty("error").GetProperty("httpCode").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetProperty("message").GetString()));
    }

    [Fact]
    public async Task V3FindTraces_TimeWindowAndDuration_ReturnsMatchingSpans()
    {
        var (status, body) = await GetAsync(
            "/api/v3/traces?query.service_name=search-svc&query.start_time_min=2023-12-31T22:30:00.000000001Z&query.start_time_max=2024-01-01T00:00:00Z&query.duration_min=1ms&query.num_traces=10");

        Assert.Equal(HttpStatusCode.OK, status);
        var traceIds = body.GetProperty("result").GetProperty("resourceSpans").EnumerateArray()
            .Select(r => r.GetProperty("scopeSpans")[0].GetProperty("spans")[0].GetProperty("traceId").GetString());
        Assert.Equal(["00000000000000aa0000000000000002", "00000000000000aa0000000000000001"], traceIds);
        Assert.Equal(TestTraces.BaseNanos - 5_400_000_000_000 + 1, server.Store.LastQuery!.StartTimeMinUnixNano);
    }

    [Fact]
    public async Task V3ServicesAndOperations_Get_UseProtobufJsonShapes()
    {
        var services = await GetAsync("/api/v3/services");
        var operations = await GetAsync("/api/v3/operations?service=frontend&span_kind=client");

        Assert.Equal(["backend", "frontend", "search-svc"], services.Body.GetProperty("services").EnumerateArray().Select(e => e.GetString()));
        var operation = Assert.Single(operations.Body.GetProperty("operations").EnumerateArray());
        Assert.Equal("HTTP POST", operation.GetProperty("name").GetString());
        Assert.Equal("client", operation.GetProperty("spanKind").GetString());
    }

    [Fact]
    public async Task Trace_TraceIdWithHighBitsZero_IsWrittenAs32Hex()
    {
        var (_, body) = await GetAsync("/api/traces/abcdef");

        var span = body.GetProperty("data")[0].GetProperty("spans")[0];
        Assert.Equal("00000000000000000000000000abcdef", span.GetProperty("traceID").GetString());
        Assert.Equal(new TraceId(0, 0xabcdef).ToHex(), span.GetProperty("traceID").GetString());
    }
}
