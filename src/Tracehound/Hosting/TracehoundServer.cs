using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tracehound.Configuration;
using Tracehound.Ingest.Datadog;
using Tracehound.Ingest.Datadog.Logs;
using Tracehound.Ingest.Datadog.Stats;
using Tracehound.Ingest.Jaeger;
using Tracehound.Ingest.Jaeger.Udp;
using Tracehound.Ingest.Otlp;
using Tracehound.Ingest.Otlp.Http;
using Tracehound.Ingest.Zipkin;
using Tracehound.Pipeline;
using Tracehound.Processing.Logs;
using Tracehound.Processing.Normalization;
using Tracehound.Processing.Obfuscation;
using Tracehound.Processing.Sampling;
using Tracehound.Processing.Sampling.Tail;
using Tracehound.Processing.Semantics;
using Tracehound.Processing.Stats;
using Tracehound.Query;
using Tracehound.Query.Stats;
using Tracehound.Storage;
using Tracehound.Storage.Embedded;

namespace Tracehound.Hosting;

/// <summary>
/// Wires receivers → pipeline → store → query and runs them: one Kestrel host per listener (so a
/// port serves only its own protocol), all sharing one pipeline and one store. Stop order matters:
/// listeners first (in-flight requests finish and get their answers), then the APM stats (every
/// bucket is flushed), the store last (it drains its queue, commits and closes cleanly).
/// </summary>
internal sealed class TracehoundServer : IAsyncDisposable
{
    private readonly TracehoundSettings _settings;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly List<WebApplication> _listeners = [];
    private readonly List<JaegerUdpListener> _udpListeners = [];
    private ITraceStore? _store;
    private StatsFlusher? _statsFlusher;
    private TailSamplingExporter? _tailSampling;

    public TracehoundServer(TracehoundSettings settings, ILoggerFactory loggerFactory)
    {
        _settings = settings;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("Tracehound");
    }

    /// <summary>The bound address of each started listener, by name (port 0 resolved).</summary>
    public Dictionary<string, Uri> BoundListeners { get; } = new(StringComparer.Ordinal);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var store = EmbeddedTraceStore.Open(
            new EmbeddedStoreOptions
            {
                DataDirectory = _settings.DataDirectory,
                MemoryLimitBytes = _settings.StoreMemoryLimitBytes,
                MaxQueuedSpans = _settings.MaxQueuedSpans,
            },
            _loggerFactory.CreateLogger<EmbeddedTraceStore>());
        _store = store;
        Log.StoreOpened(_logger, _settings.DataDirectory);

        var semantics = new DatadogSemanticsOptions { OperationNameV1 = _settings.OperationNameV1 };
        // Every span gets its Datadog view at ingest (stats and sampling need it); views derived from
        // OpenTelemetry fields are lean (no meta/metrics copies) and not stored: the query side
        // derives the full view again (DatadogViewTraceStore). Order: IngestPipeline.
        // APM stats see every span before any sampling: the concentrator observes the batch after
        // obfuscation (stats group by obfuscated resources, as the agent's do) and is flushed to the
        // store every 10 s. Sampling runs last; tail sampling buffers in front of the store
        // (docs/SAMPLING.md).
        var concentrator = new StatsConcentrator();
        _statsFlusher = new StatsFlusher(concentrator, store, _loggerFactory.CreateLogger<StatsFlusher>());
        _statsFlusher.Start();
        var sampling = new SamplingProcessor(_settings.Sampling, TimeProvider.System);
        ISpanExporter storeExporter = new StoreExporter(store);
        if (_settings.TailSampling is { } tail)
        {
            _tailSampling = new TailSamplingExporter(storeExporter, tail, TimeProvider.System, _loggerFactory.CreateLogger<TailSamplingExporter>());
            _tailSampling.Start();
            storeExporter = _tailSampling;
        }

        var processors = IngestPipeline.Processors(semantics, _settings.Obfuscation);
        processors.Add(concentrator);
        processors.Add(sampling);
        var pipeline = new TracePipeline(processors, [storeExporter]);
        var traceService = new OtlpTraceService(pipeline);
        // Logs: ids, severity and message filled from attributes, then stored (durable on answer).
        // The Datadog listener gets the pipeline too, for its log intake.
        var logPipeline = new LogPipeline([new LogCorrelationProcessor()], [new StoreLogExporter(store)]);
        var logsService = new OtlpLogsService(logPipeline);

        if (_settings.OtlpGrpc is { } grpc)
        {
            await StartListenerAsync(OptionCatalog.OtlpGrpc, grpc, ListenerKind.Grpc, services =>
            {
                services.AddSingleton(traceService);
                services.AddSingleton(logsService);
                services.AddGrpc(o =>
                {
                    o.MaxReceiveMessageSize = (int)_settings.MaxBodyBytes;
                    o.EnableDetailedErrors = false;
                });
            }, app => app.MapOtlpGrpc(), cancellationToken).ConfigureAwait(false);
        }

        if (_settings.OtlpHttp is { } http)
        {
            await StartListenerAsync(OptionCatalog.OtlpHttp, http, ListenerKind.Http, services =>
            {
                services.AddSingleton(traceService);
                services.AddSingleton(logsService);
                services.Configure<OtlpHttpOptions>(o => o.MaxBodyBytes = _settings.MaxBodyBytes);
            }, app => app.MapOtlpHttp(), cancellationToken).ConfigureAwait(false);
        }

        if (_settings.Datadog is { } datadog)
        {
            // The intake service needs the bound port for /info; with port 0 it is known only after
            // binding, so the service is made lazily on first use.
            var stats = new DatadogStatsHolder(onPayload: payload => concentrator.AddClientStats(ClientStatsRows.From(payload)));
            await StartListenerAsync(OptionCatalog.Datadog, datadog, ListenerKind.Http, services =>
            {
                services.AddSingleton(stats);
                services.AddSingleton(new DatadogLogIntakeService(logPipeline, _settings.MaxBodyBytes));
                services.AddSingleton(sp => new DatadogIntakeService(pipeline, stats, BoundListeners.TryGetValue(OptionCatalog.Datadog, out var uri) ? uri.Port : datadog.Port, sampling.ServiceSampleRates));
            }, app => app.MapDatadogAgent(), cancellationToken).ConfigureAwait(false);
        }

        if (_settings.Zipkin is { } zipkin)
        {
            var zipkinService = new ZipkinIntakeService(pipeline, _settings.MaxBodyBytes);
            await StartListenerAsync(OptionCatalog.Zipkin, zipkin, ListenerKind.Http, services => services.AddSingleton(zipkinService),
                app => app.MapZipkinCollector(), cancellationToken).ConfigureAwait(false);
        }

        var jaegerService = new JaegerIntakeService(pipeline, _settings.MaxBodyBytes);
        if (_settings.JaegerHttp is { } jaegerHttp)
        {
            await StartListenerAsync(OptionCatalog.JaegerHttp, jaegerHttp, ListenerKind.Http, services => services.AddSingleton(jaegerService),
                app => app.MapJaegerCollector(), cancellationToken).ConfigureAwait(false);
        }

        if (_settings.JaegerUdpCompact is { } jaegerCompact)
        {
            StartUdpListener(OptionCatalog.JaegerUdpCompact, jaegerCompact, JaegerAgentProtocol.Compact, jaegerService);
        }

        if (_settings.JaegerUdpBinary is { } jaegerBinary)
        {
            StartUdpListener(OptionCatalog.JaegerUdpBinary, jaegerBinary, JaegerAgentProtocol.Binary, jaegerService);
        }

        if (_settings.Api is { } api)
        {
            await StartListenerAsync(OptionCatalog.Api, api, ListenerKind.Http, services =>
            {
                // Reads see every span with its Datadog view; derived views are recomputed, not stored.
                services.AddSingleton<ITraceStore>(new DatadogViewTraceStore(store, semantics));
                services.AddSingleton(new StatsQueryService(store, concentrator));
                services.AddSingleton<ILogStore>(store);
            }, app =>
            {
                app.UseQueryApiErrors();
                app.MapQueryApi();
                app.MapWebUi();
            }, cancellationToken).ConfigureAwait(false);
        }

        Log.Ready(_logger);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Log.ShuttingDown(_logger);
        await Task.WhenAll(_listeners.Select(l => l.StopAsync(cancellationToken))
            .Concat(_udpListeners.Select(l => l.StopAsync()))).ConfigureAwait(false);
        foreach (var udp in _udpListeners)
        {
            await udp.DisposeAsync().ConfigureAwait(false);
        }

        _udpListeners.Clear();
        foreach (var listener in _listeners)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }

        _listeners.Clear();
        if (_tailSampling is not null)
        {
            // Decide what is still buffered and flush the kept traces before the store closes.
            await _tailSampling.DisposeAsync().ConfigureAwait(false);
            _tailSampling = null;
        }

        if (_statsFlusher is not null)
        {
            await _statsFlusher.DisposeAsync().ConfigureAwait(false);
            _statsFlusher = null;
        }

        if (_store is not null)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
            _store = null;
        }

        Log.Stopped(_logger);
    }

    public async ValueTask DisposeAsync()
    {
        if (_listeners.Count > 0 || _udpListeners.Count > 0 || _store is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await StopAsync(timeout.Token).ConfigureAwait(false);
        }
    }

    /// <summary>A UDP agent port: not Kestrel, a receive loop owned here (started after the store, stopped before it).</summary>
    private void StartUdpListener(string name, ListenAddress address, JaegerAgentProtocol protocol, JaegerIntakeService service)
    {
        JaegerUdpListener listener;
        try
        {
            listener = new JaegerUdpListener(new IPEndPoint(address.Address, address.Port), protocol, service, _loggerFactory.CreateLogger<JaegerUdpListener>());
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            // Reported like a Kestrel bind failure (typically a port already in use).
            throw new IOException($"--{name}: cannot bind udp://{address}: {ex.Message}", ex);
        }

        _udpListeners.Add(listener);
        listener.Start();
        var bound = listener.LocalEndPoint;
        var host = bound.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{bound.Address}]" : bound.Address.ToString();
        var url = $"udp://{host}:{bound.Port}";
        BoundListeners[name] = new Uri(url);
        Log.Listening(_logger, name, url);
    }

    private async Task StartListenerAsync(
        string name,
        ListenAddress address,
        ListenerKind kind,
        Action<IServiceCollection> configureServices,
        Action<WebApplication> mapEndpoints,
        CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "tracehound",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, ExternallyStoppedLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The receivers enforce --max-body-size themselves (also after decompression); Kestrel's
            // own cap is the same, so an oversized upload is cut off early. gRPC checks each
            // message's declared length against MaxReceiveMessageSize before reading it, and must
            // be the one to refuse so the client gets RESOURCE_EXHAUSTED rather than a reset stream.
            kestrel.Limits.MaxRequestBodySize = kind == ListenerKind.Grpc ? null : _settings.MaxBodyBytes;
            kestrel.Listen(new IPEndPoint(address.Address, address.Port), listen =>
                listen.Protocols = kind == ListenerKind.Grpc ? HttpProtocols.Http2 : HttpProtocols.Http1);
        });
        configureServices(builder.Services);

        var app = builder.Build();
        mapEndpoints(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _listeners.Add(app);

        var url = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BoundListeners[name] = new Uri(url);
        Log.Listening(_logger, name, url);
    }
}
