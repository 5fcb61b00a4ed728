using Tracehound.Model;

namespace Tracehound.Workload;

/// <summary>
/// Generates realistic OTLP trace batches, deterministic for a seed: 50 services (each with a
/// resource of 8 attributes), 10 operations per service (500 in all) of the usual shapes (HTTP
/// server/client, database, messaging, internal) with 10 semantic-convention attributes each,
/// traces of 5-20 spans that cross services, an event on every 10th span, ~2% error spans.
/// A 512-span batch encodes to ~550 bytes per span. Shared by the decode benchmarks and the
/// end-to-end load generator, so both measure the same batches.
/// </summary>
internal sealed class OtlpWorkload
{
    public const int ServiceCount = 50;
    public const int OperationsPerService = 10;

    private static readonly string[] Domains = ["checkout", "cart", "payment", "shipping", "catalog", "search", "account", "inventory", "pricing", "notification"];
    private static readonly string[] Roles = ["api", "service", "worker", "gateway", "backend"];
    private static readonly string[] Entities = ["orders", "users", "items", "carts", "invoices", "shipments", "accounts", "products", "prices", "sessions"];
    private static readonly string[] HttpMethods = ["GET", "GET", "GET", "POST", "PUT", "DELETE"];
    private static readonly string[] UserAgents =
    [
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0",
        "okhttp/4.12.0 (Android 14; Pixel 8 Build/AP2A.240605.024) shop-app/5.31.0",
    ];

    private static readonly InstrumentationScope HttpServerScope = new("Microsoft.AspNetCore", "10.0.0", []);
    private static readonly InstrumentationScope HttpClientScope = new("System.Net.Http", "10.0.0", []);
    private static readonly InstrumentationScope DatabaseScope = new("Npgsql", "9.0.3", []);
    private static readonly InstrumentationScope MessagingScope = new("Confluent.Kafka.Extensions.OpenTelemetry", "0.4.0", []);
    private static readonly InstrumentationScope InternalScope = new("app.internal", "1.0.0", []);

    private readonly Random _random;
    private readonly Service[] _services;
    private long _timeUnixNano;
    private long _spanCounter;

    /// <param name="seed">Same seed, same batches.</param>
    /// <param name="baseTimeUnixNano">Start time of the first trace; each trace starts a little later.</param>
    public OtlpWorkload(int seed, long baseTimeUnixNano)
    {
        _random = new Random(seed);
        _timeUnixNano = baseTimeUnixNano;
        _services = new Service[ServiceCount];
        for (var i = 0; i < ServiceCount; i++)
        {
            _services[i] = CreateService(i);
        }
    }

    /// <summary>The next <paramref name="spanCount"/> spans (whole traces, the last one cut to fit).</summary>
    public List<Span> NextBatch(int spanCount = 512)
    {
        var spans = new List<Span>(spanCount);
        while (spans.Count < spanCount)
        {
            var traceSpans = _random.Next(5, 21);
            AddTrace(spans, Math.Min(traceSpans, spanCount - spans.Count));
        }

        return spans;
    }

    private void AddTrace(List<Span> spans, int count)
    {
        var traceId = new TraceId(NonZero(), NonZero());
        var entry = _services[_random.Next(ServiceCount)];
        var rootStart = _timeUnixNano;
        _timeUnixNano += 1_000_000 + _random.Next(0, 5_000_000);

        var first = spans.Count;
        var root = CreateSpan(entry, entry.Operations[_random.Next(3)], traceId, default, rootStart, 50_000_000 + _random.Next(0, 200_000_000));
        spans.Add(root);
        for (var i = 1; i < count; i++)
        {
            var parent = spans[first + _random.Next(i)];
            var parentService = FindService(parent);

            // Half of the children call into another service (its server operation), half stay local.
            var service = _random.Next(2) == 0 ? _services[_random.Next(ServiceCount)] : parentService;
            var operation = service == parentService
                ? service.Operations[3 + _random.Next(OperationsPerService - 3)]
                : service.Operations[_random.Next(3)];
            var parentDuration = parent.EndTimeUnixNano - parent.StartTimeUnixNano;
            var start = parent.StartTimeUnixNano + (long)(_random.NextDouble() * parentDuration * 0.5);
            var duration = (long)(_random.NextDouble() * parentDuration * 0.45) + 10_000;
            spans.Add(CreateSpan(service, operation, traceId, parent.SpanId, start, duration));
        }
    }

    private Service FindService(Span span)
    {
        foreach (var service in _services)
        {
            if (service.Resource == span.Resource)
            {
                return service;
            }
        }

        throw new InvalidOperationException("A span of an unknown service.");
    }

    private Span CreateSpan(Service service, Operation operation, TraceId traceId, SpanId parent, long start, long duration)
    {
        var counter = ++_spanCounter;
        var isError = _random.Next(50) == 0;
        var span = new Span
        {
            TraceId = traceId,
            SpanId = new SpanId(NonZero()),
            ParentSpanId = parent,
            Flags = 0x101,
            Name = operation.Name,
            Kind = operation.Kind,
            StartTimeUnixNano = start,
            EndTimeUnixNano = start + duration,
            Resource = service.Resource,
            Scope = operation.Scope,
            Attributes = CreateAttributes(service, operation, isError),
            StatusCode = isError ? StatusCode.Error : StatusCode.Unset,
            StatusMessage = isError ? "upstream request failed" : string.Empty,
        };

        if (counter % 10 == 0)
        {
            span.Events = isError
                ? [new SpanEvent(start + (duration / 2), "exception", [
                    KeyValue.String("exception.type", "System.Net.Http.HttpRequestException"),
                    KeyValue.String("exception.message", "Response status code does not indicate success: 503"),
                ])]
                : [new SpanEvent(start + (duration / 3), "cache.miss", [
                    KeyValue.String("cache.key", $"{operation.Entity}:{_random.Next(100_000)}"),
                    KeyValue.Int("cache.ttl_ms", 30_000),
                ])];
        }

        return span;
    }

    private KeyValue[] CreateAttributes(Service service, Operation operation, bool isError)
    {
        var id = _random.Next(1, 1_000_000);
        var status = isError ? 503 : operation.Method == "POST" ? 201 : 200;
        return operation.Shape switch
        {
            OperationShape.HttpServer =>
            [
                KeyValue.String("http.request.method", operation.Method),
                KeyValue.String("http.route", operation.Route),
                KeyValue.String("url.path", operation.Route.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)),
                KeyValue.String("url.scheme", "http"),
                KeyValue.String("server.address", $"{service.Name}.{service.Domain}.svc.cluster.local"),
                KeyValue.Int("server.port", 8080),
                KeyValue.Int("http.response.status_code", status),
                KeyValue.String("user_agent.original", UserAgents[_random.Next(UserAgents.Length)]),
                KeyValue.String("client.address", $"10.{_random.Next(256)}.{_random.Next(256)}.{_random.Next(1, 255)}"),
                KeyValue.String("network.protocol.version", "1.1"),
            ],
            OperationShape.HttpClient =>
            [
                KeyValue.String("http.request.method", operation.Method),
                KeyValue.String("url.full", $"http://{operation.Peer}.svc.cluster.local:8080/api/v2/{operation.Entity}/{id}?include=details"),
                KeyValue.String("url.scheme", "http"),
                KeyValue.String("server.address", $"{operation.Peer}.svc.cluster.local"),
                KeyValue.Int("server.port", 8080),
                KeyValue.Int("http.response.status_code", status),
                KeyValue.String("network.protocol.version", "1.1"),
                KeyValue.String("network.peer.address", $"10.{_random.Next(256)}.{_random.Next(256)}.{_random.Next(1, 255)}"),
                KeyValue.Int("network.peer.port", 8080),
                KeyValue.Int("http.request.resend_count", 0),
            ],
            OperationShape.Database =>
            [
                KeyValue.String("db.system.name", "postgresql"),
                KeyValue.String("db.namespace", $"{service.Domain}_production"),
                KeyValue.String("db.query.text", $"SELECT id, name, status, created_at, updated_at FROM {operation.Entity} WHERE id = $1 AND tenant_id = $2"),
                KeyValue.String("db.operation.name", "SELECT"),
                KeyValue.String("db.collection.name", operation.Entity),
                KeyValue.String("server.address", $"{service.Domain}-db.internal"),
                KeyValue.Int("server.port", 5432),
                KeyValue.Int("db.response.returned_rows", _random.Next(0, 50)),
                KeyValue.String("network.peer.address", $"10.1.{_random.Next(256)}.{_random.Next(1, 255)}"),
                KeyValue.Bool("db.statement.prepared", true),
            ],
            OperationShape.Messaging =>
            [
                KeyValue.String("messaging.system", "kafka"),
                KeyValue.String("messaging.destination.name", operation.Entity),
                KeyValue.String("messaging.operation.type", "publish"),
                KeyValue.String("messaging.operation.name", "send"),
                KeyValue.String("messaging.message.id", $"{_random.NextInt64():x16}-{_random.Next():x8}"),
                KeyValue.String("messaging.client.id", $"{service.Name}-producer-1"),
                KeyValue.Int("messaging.kafka.destination.partition", _random.Next(12)),
                KeyValue.Int("messaging.message.body.size", _random.Next(200, 4000)),
                KeyValue.String("server.address", "kafka-broker-1.internal"),
                KeyValue.Int("server.port", 9092),
            ],
            _ =>
            [
                KeyValue.String("code.function.name", $"{service.Domain}.Application.{operation.Name}"),
                KeyValue.String("code.file.path", $"/src/Services/{service.Domain}/Application/{operation.Entity}/Handlers/ProcessHandler.cs"),
                KeyValue.Int("code.line.number", 40 + _random.Next(400)),
                KeyValue.Int("thread.id", _random.Next(1, 64)),
                KeyValue.String("thread.name", ".NET ThreadPool Worker"),
                KeyValue.Bool("app.cache_hit", _random.Next(3) == 0),
                KeyValue.Int("app.items", _random.Next(1, 100)),
                KeyValue.Double("app.ratio", Math.Round(_random.NextDouble(), 3)),
                KeyValue.String("app.user_id", $"usr_{_random.Next(1, 50_000):D8}"),
                KeyValue.String("app.feature_flag", _random.Next(2) == 0 ? "checkout.new-payment-flow.enabled" : "checkout.new-payment-flow.control"),
            ],
        };
    }

    private Service CreateService(int index)
    {
        var domain = Domains[index % Domains.Length];
        var name = $"{domain}-{Roles[index / Domains.Length]}";
        var resource = new Resource(
        [
            KeyValue.String("service.name", name),
            KeyValue.String("service.version", $"1.{index % 7}.{index % 13}"),
            KeyValue.String("service.instance.id", $"{name}-{NonZero() % 100_000:D5}"),
            KeyValue.String("deployment.environment.name", "production"),
            KeyValue.String("host.name", $"ip-10-0-{index}-{17 + index}.ec2.internal"),
            KeyValue.String("telemetry.sdk.name", "opentelemetry"),
            KeyValue.String("telemetry.sdk.language", "dotnet"),
            KeyValue.String("telemetry.sdk.version", "1.20.1"),
        ]);

        var operations = new Operation[OperationsPerService];
        for (var i = 0; i < OperationsPerService; i++)
        {
            var entity = Entities[(index + i) % Entities.Length];
            var method = HttpMethods[(index + i) % HttpMethods.Length];
            var peer = $"{Domains[(index + i + 1) % Domains.Length]}-api";
            operations[i] = i switch
            {
                < 3 => new Operation(OperationShape.HttpServer, $"{method} /api/v2/{entity}/{{id}}", SpanKind.Server, HttpServerScope, entity, method, $"/api/v2/{entity}/{{id}}", peer),
                < 5 => new Operation(OperationShape.HttpClient, method, SpanKind.Client, HttpClientScope, entity, method, string.Empty, peer),
                < 7 => new Operation(OperationShape.Database, $"SELECT {domain}.{entity}", SpanKind.Client, DatabaseScope, entity, method, string.Empty, peer),
                7 => new Operation(OperationShape.Messaging, $"send {entity}", SpanKind.Producer, MessagingScope, entity, method, string.Empty, peer),
                _ => new Operation(OperationShape.Internal, $"{char.ToUpperInvariant(entity[0])}{entity[1..]}Handler.Process{i}", SpanKind.Internal, InternalScope, entity, method, string.Empty, peer),
            };
        }

        return new Service(name, domain, resource, operations);
    }

    private ulong NonZero()
    {
        ulong value;
        do
        {
            value = (ulong)_random.NextInt64(long.MinValue, long.MaxValue);
        }
        while (value == 0);

        return value;
    }

    private enum OperationShape
    {
        HttpServer,
        HttpClient,
        Database,
        Messaging,
        Internal,
    }

    private sealed record Operation(OperationShape Shape, string Name, SpanKind Kind, InstrumentationScope Scope, string Entity, string Method, string Route, string Peer);

    private sealed record Service(string Name, string Domain, Resource Resource, Operation[] Operations);
}
