using Tracehound.Model;
using Tracehound.Processing.Semantics;
using static Tracehound.Tests.Semantics.OtelSpans;

namespace Tracehound.Tests.Semantics;

/// <summary>The operation-name, resource and type tables of spec §3.3, one golden case per row.</summary>
public sealed class OtlpSemanticTablesTests
{
    [Theory]
    [InlineData(SpanKind.Server, "operation.name=Custom Op", "custom_op")] // 1 (tag-normalized)
    [InlineData(SpanKind.Server, "http.request.method=GET", "http.server.request")] // 2
    [InlineData(SpanKind.Server, "http.method=GET", "http.server.request")] // 2, old convention
    [InlineData(SpanKind.Client, "http.request.method=GET", "http.client.request")] // 3
    [InlineData(SpanKind.Client, "db.system=postgresql", "postgresql.query")] // 4
    [InlineData(SpanKind.Producer, "messaging.system=kafka|messaging.operation=publish", "kafka.publish")] // 5
    [InlineData(SpanKind.Consumer, "messaging.system=RabbitMQ|messaging.operation=receive", "rabbitmq.receive")] // 5, normalized
    [InlineData(SpanKind.Client, "rpc.system=aws-api|rpc.service=S3", "aws.s3.request")] // 6
    [InlineData(SpanKind.Client, "rpc.system=aws-api", "aws.client.request")] // 6, no service
    [InlineData(SpanKind.Client, "rpc.system=grpc", "grpc.client.request")] // 7
    [InlineData(SpanKind.Server, "rpc.system=grpc", "grpc.server.request")] // 8
    [InlineData(SpanKind.Client, "faas.invoked_provider=aws|faas.invoked_name=my-function", "aws.my_function.invoke")] // 9 (then metric-name normalized)
    [InlineData(SpanKind.Server, "faas.trigger=http", "http.invoke")] // 10
    [InlineData(SpanKind.Internal, "graphql.operation.type=query", "graphql.server.request")] // 11
    [InlineData(SpanKind.Server, "network.protocol.name=amqp", "amqp.server.request")] // 12
    [InlineData(SpanKind.Server, "", "server.request")] // 12, no protocol
    [InlineData(SpanKind.Client, "network.protocol.name=http", "http.client.request")] // 13
    [InlineData(SpanKind.Client, "", "client.request")] // 13, no protocol
    [InlineData(SpanKind.Internal, "", "Internal")] // 14
    [InlineData(SpanKind.Producer, "", "Producer")] // 14
    [InlineData(SpanKind.Consumer, "", "Consumer")] // 14
    [InlineData(SpanKind.Unspecified, "", "Internal")] // 14, unspecified
    [InlineData(SpanKind.Internal, "db.system=mysql", "Internal")] // db only for clients
    public void OperationNameV2_TableRow_IsTheAgentsName(SpanKind kind, string attributes, string expected)
    {
        var info = Map(Create(kind, "span name", Parse(attributes)));

        Assert.Equal(expected, info.Name);
    }

    [Theory]
    [InlineData(SpanKind.Server, "", "my.scope.server")]
    [InlineData(SpanKind.Client, "http.request.method=GET", "my.scope.client")]
    [InlineData(SpanKind.Internal, "operation.name=explicit", "explicit")]
    public void OperationNameV1_LegacySwitch_ScopeDotKind(SpanKind kind, string attributes, string expected)
    {
        var info = Map(Create(kind, "span name", Parse(attributes)), new DatadogSemanticsOptions { OperationNameV1 = true });

        Assert.Equal(expected, info.Name);
    }

    [Fact]
    public void OperationNameV1_ScopeWithSlashes_IsMetricNameNormalized()
    {
        var span = Create(SpanKind.Server);
        span.Scope = new InstrumentationScope("go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp", "0.1", []);

        var info = Map(span, new DatadogSemanticsOptions { OperationNameV1 = true });

        Assert.Equal("go.opentelemetry.io_contrib_instrumentation_net_http_otelhttp.server", info.Name);
    }

    [Fact]
    public void OperationNameV1_NoScope_OpenTelemetryDotKind()
    {
        var span = Create(SpanKind.Client);
        span.Scope = InstrumentationScope.Empty;

        Assert.Equal("opentelemetry.client", Map(span, new DatadogSemanticsOptions { OperationNameV1 = true }).Name);
    }

    [Theory]
    [InlineData(SpanKind.Server, "resource.name=explicit resource|http.request.method=GET", "explicit resource")]
    [InlineData(SpanKind.Server, "http.request.method=GET|http.route=/users/:id", "GET /users/:id")]
    [InlineData(SpanKind.Client, "http.request.method=GET|http.route=/users/:id", "GET")] // route for servers only
    [InlineData(SpanKind.Server, "http.request.method=_OTHER", "HTTP")]
    [InlineData(SpanKind.Server, "http.method=POST", "POST")]
    [InlineData(SpanKind.Producer, "messaging.operation=publish|messaging.destination.name=orders", "publish orders")]
    [InlineData(SpanKind.Producer, "messaging.operation=publish|messaging.destination=legacy-queue", "publish legacy-queue")]
    [InlineData(SpanKind.Client, "rpc.method=GetUser|rpc.service=UserService", "GetUser UserService")]
    [InlineData(SpanKind.Server, "graphql.operation.type=query|graphql.operation.name=GetUser", "query GetUser")]
    [InlineData(SpanKind.Client, "db.system=postgresql|db.statement=SELECT 1", "SELECT 1")]
    [InlineData(SpanKind.Client, "db.system=postgresql|db.query.text=SELECT 2|db.statement=SELECT 1", "SELECT 2")]
    [InlineData(SpanKind.Client, "db.statement=SELECT 1", "span name")] // no db.system
    [InlineData(SpanKind.Internal, "", "span name")]
    public void ResourceV2_TableRow_IsTheAgentsResource(SpanKind kind, string attributes, string expected)
    {
        Assert.Equal(expected, Map(Create(kind, "span name", Parse(attributes))).Resource);
    }

    [Theory]
    [InlineData(SpanKind.Client, "http.request.method=GET|http.route=/users/:id", "GET /users/:id")] // route for every kind
    [InlineData(SpanKind.Client, "db.system=postgresql|db.statement=SELECT 1", "span name")] // no statement rule
    public void ResourceV1_LegacySwitch_RouteForAllKindsNoStatement(SpanKind kind, string attributes, string expected)
    {
        var info = Map(Create(kind, "span name", Parse(attributes)), new DatadogSemanticsOptions { OperationNameV1 = true });

        Assert.Equal(expected, info.Resource);
    }

    [Theory]
    [InlineData(SpanKind.Client, "span.type=custom-type", "custom-type")]
    [InlineData(SpanKind.Server, "", "web")]
    [InlineData(SpanKind.Client, "", "http")]
    [InlineData(SpanKind.Client, "db.system=postgresql", "sql")]
    [InlineData(SpanKind.Client, "db.system=mysql", "sql")]
    [InlineData(SpanKind.Client, "db.system=mssql", "sql")]
    [InlineData(SpanKind.Client, "db.system=oracle", "sql")]
    [InlineData(SpanKind.Client, "db.system=db2", "sql")]
    [InlineData(SpanKind.Client, "db.system=sqlite", "sql")]
    [InlineData(SpanKind.Client, "db.system=mariadb", "sql")]
    [InlineData(SpanKind.Client, "db.system=clickhouse", "sql")]
    [InlineData(SpanKind.Client, "db.system=cockroachdb", "sql")]
    [InlineData(SpanKind.Client, "db.system=cassandra", "cassandra")]
    [InlineData(SpanKind.Client, "db.system=redis", "redis")]
    [InlineData(SpanKind.Client, "db.system=memcached", "memcached")]
    [InlineData(SpanKind.Client, "db.system=mongodb", "mongodb")]
    [InlineData(SpanKind.Client, "db.system=elasticsearch", "elasticsearch")]
    [InlineData(SpanKind.Client, "db.system=opensearch", "opensearch")]
    [InlineData(SpanKind.Client, "db.system=hive", "db")]
    [InlineData(SpanKind.Client, "db.system=neo4j", "db")]
    [InlineData(SpanKind.Client, "db.system=dynamodb", "db")]
    [InlineData(SpanKind.Client, "db.system=cosmosdb", "db")]
    [InlineData(SpanKind.Internal, "", "custom")]
    [InlineData(SpanKind.Producer, "", "custom")]
    [InlineData(SpanKind.Consumer, "", "custom")]
    public void TypeV2_TableRow_IsTheAgentsType(SpanKind kind, string attributes, string expected)
    {
        Assert.Equal(expected, Map(Create(kind, "span name", Parse(attributes))).Type);
    }

    [Theory]
    [InlineData("db.system=redis", "cache")]
    [InlineData("db.system=memcached", "cache")]
    [InlineData("db.system=postgresql", "db")]
    public void TypeV1_LegacySwitch_CacheAndDb(string attributes, string expected)
    {
        var info = Map(Create(SpanKind.Client, "span name", Parse(attributes)), new DatadogSemanticsOptions { OperationNameV1 = true });

        Assert.Equal(expected, info.Type);
    }

    private static KeyValue[] Parse(string attributes) =>
        attributes.Length == 0 ? [] : Attributes(attributes.Split('|'));
}
