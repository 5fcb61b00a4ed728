namespace Tracehound.Configuration;

/// <summary>Every setting of <c>tracehound serve</c>, in the order <c>--help</c> lists them.</summary>
internal static class OptionCatalog
{
    public const string OtlpGrpc = "otlp-grpc";
    public const string OtlpHttp = "otlp-http";
    public const string Datadog = "datadog";
    public const string Zipkin = "zipkin";
    public const string JaegerHttp = "jaeger-http";
    public const string JaegerUdpCompact = "jaeger-udp-compact";
    public const string JaegerUdpBinary = "jaeger-udp-binary";
    public const string Api = "api";
    public const string BindAll = "bind-all";
    public const string DataDir = "data-dir";
    public const string MaxBodySize = "max-body-size";
    public const string StoreMemoryLimit = "store-memory-limit";
    public const string MaxQueuedSpans = "max-queued-spans";
    public const string Obfuscation = "obfuscation";
    public const string ObfuscationHttpRemoveQueryString = "obfuscation-http-remove-query-string";
    public const string ObfuscationHttpRemovePathDigits = "obfuscation-http-remove-path-digits";
    public const string ObfuscationCreditCards = "obfuscation-credit-cards";
    public const string ObfuscationSqlReplaceDigits = "obfuscation-sql-replace-digits";
    public const string OperationNameV1 = "operation-name-v1";
    public const string SamplingPercentage = "sampling-percentage";
    public const string SamplingHashSeed = "sampling-hash-seed";
    public const string SamplingFullTraceId = "sampling-full-trace-id";
    public const string SamplingHonorPriority = "sampling-honor-priority";
    public const string SamplingTargetTps = "sampling-target-tps";
    public const string SamplingErrorsPerSecond = "sampling-errors-per-second";
    public const string SamplingRare = "sampling-rare";
    public const string SamplingRareTps = "sampling-rare-tps";
    public const string SamplingRareCooldown = "sampling-rare-cooldown";
    public const string TailSamplingPolicies = "tail-sampling-policies";
    public const string TailSamplingDecisionWait = "tail-sampling-decision-wait";
    public const string TailSamplingMaxTraces = "tail-sampling-max-traces";
    public const string TailSamplingMaxSpans = "tail-sampling-max-spans";
    public const string LogLevel = "log-level";
    public const string Config = "config";

    public static readonly OptionDefinition[] All =
    [
        new(OtlpGrpc, OptionKind.Listener, "4317", "HOST:PORT", "OTLP/gRPC receiver (TraceService/Export, LogsService/Export)."),
        new(OtlpHttp, OptionKind.Listener, "4318", "HOST:PORT", "OTLP/HTTP receiver (POST /v1/traces and /v1/logs, protobuf or JSON)."),
        new(Datadog, OptionKind.Listener, "8126", "HOST:PORT", "Datadog agent API for dd-trace tracers (/v0.3-/v0.7/traces, /v0.6/stats, /info) and Datadog's HTTP log intake (/api/v2/logs)."),
        new(Zipkin, OptionKind.Listener, "9411", "HOST:PORT", "Zipkin collector API (POST /api/v2/spans JSON or proto3, /api/v1/spans JSON)."),
        new(JaegerHttp, OptionKind.Listener, "14268", "HOST:PORT", "Jaeger collector HTTP (POST /api/traces, Thrift binary)."),
        new(JaegerUdpCompact, OptionKind.Listener, "6831", "HOST:PORT", "Jaeger agent UDP port, Thrift compact protocol (emitBatch)."),
        new(JaegerUdpBinary, OptionKind.Listener, "6832", "HOST:PORT", "Jaeger agent UDP port, Thrift binary protocol (emitBatch; jaeger-client for Node)."),
        new(Api, OptionKind.Listener, "16686", "HOST:PORT", "Query API (Jaeger-compatible /api, /api/v3, Tracehound /api/v1) and the web UI (/)."),
        new(BindAll, OptionKind.Flag, "false", string.Empty, "Listeners given without a host bind all interfaces instead of 127.0.0.1."),
        new(DataDir, OptionKind.Path, "./tracehound-data", "DIR", "Folder of the embedded store; created when missing."),
        new(MaxBodySize, OptionKind.Size, "32MiB", "SIZE", "Largest request body, also after decompression (413 beyond it)."),
        new(StoreMemoryLimit, OptionKind.Size, "128MiB", "SIZE", "Memory the embedded store's engine may use for itself."),
        new(MaxQueuedSpans, OptionKind.Integer, "100000", "N", "Spans and log records waiting for the store at most; beyond it clients get 429 / RESOURCE_EXHAUSTED."),
        new(Obfuscation, OptionKind.Choice, "on", "on|off", "Obfuscate SQL, Redis, Memcached, JSON bodies, URLs and card numbers before anything is stored.", ["on", "off"]),
        new(ObfuscationHttpRemoveQueryString, OptionKind.Flag, "false", string.Empty, "Replace URL query strings with '?'."),
        new(ObfuscationHttpRemovePathDigits, OptionKind.Flag, "false", string.Empty, "Replace URL path segments holding digits with '?'."),
        new(ObfuscationCreditCards, OptionKind.Choice, "on", "on|off|luhn", "Replace tag values that look like card numbers ('luhn': only those passing the Luhn check).", ["on", "off", "luhn"]),
        new(ObfuscationSqlReplaceDigits, OptionKind.Flag, "false", string.Empty, "Also replace digits inside SQL table and column names."),
        new(OperationNameV1, OptionKind.Flag, "false", string.Empty, "Derive Datadog operation names of OpenTelemetry spans with the agent's V1 rules (V2 by default)."),
        new(SamplingPercentage, OptionKind.Number, "100", "N", "Percent of traces without a tracer priority (OTLP, Zipkin, Jaeger; Datadog chunks without one) kept by the Datadog agent's probabilistic sampler (trace-id hash). 100 keeps all."),
        new(SamplingHashSeed, OptionKind.Integer, "0", "N", "Hash seed of the probabilistic sampler (the agent's probabilistic_sampler.hash_seed)."),
        new(SamplingFullTraceId, OptionKind.Flag, "false", string.Empty, "Probabilistic sampler hashes the full 128-bit trace id (same decisions as the OpenTelemetry probabilistic sampler) instead of its low 64 bits."),
        new(SamplingHonorPriority, OptionKind.Flag, "false", string.Empty, "Drop traces whose tracer priority says drop (<= 0), as the Datadog agent does; the errors and rare samplers may still keep priority-0 traces."),
        new(SamplingTargetTps, OptionKind.Number, "10", "N", "Traces per second the rate_by_service rates returned to Datadog tracers aim at, per service and env."),
        new(SamplingErrorsPerSecond, OptionKind.Number, "10", "N", "Traces with an error per second the errors sampler keeps when another sampler drops them (0: off)."),
        new(SamplingRare, OptionKind.Flag, "false", string.Empty, "Rare sampler: keep the first trace of a span signature not seen within the cooldown."),
        new(SamplingRareTps, OptionKind.Number, "5", "N", "Rare traces kept per second at most."),
        new(SamplingRareCooldown, OptionKind.Duration, "5m", "DURATION", "How long a signature counts as seen after a rare trace was kept for it."),
        new(TailSamplingPolicies, OptionKind.Path, null, "JSON|FILE", "Tail sampling policies (JSON array, or a file holding it; see docs/SAMPLING.md). Tail sampling is off without them."),
        new(TailSamplingDecisionWait, OptionKind.Duration, "10s", "DURATION", "How long spans of a trace are buffered before the tail policies decide."),
        new(TailSamplingMaxTraces, OptionKind.Integer, "50000", "N", "Traces buffered for tail sampling at most (also the decision cache size); beyond, the oldest is decided early."),
        new(TailSamplingMaxSpans, OptionKind.Integer, "1000000", "N", "Spans buffered for tail sampling at most; beyond, the oldest traces are decided early."),
        new(LogLevel, OptionKind.Choice, "information", "LEVEL", "Log level.", ["trace", "debug", "information", "warning", "error"]),
        new(Config, OptionKind.Path, null, "FILE", "A JSON settings file (section \"Tracehound\"); ./appsettings.json is read when present."),
    ];

    public static OptionDefinition? Find(string name) => Array.Find(All, o => o.Name == name);
}
