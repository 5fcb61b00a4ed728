using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Tracehound.Ingest.Datadog;

/// <summary>
/// The <c>GET /info</c> discovery document tracers read to learn what the agent supports, and its
/// SHA-256 (the <c>Datadog-Agent-State</c> header on every response, so tracers notice changes).
/// Only endpoints that really keep data are advertised: the telemetry and EVP proxies are
/// accepted but discarded (nothing upstream), so tracers should not route data there.
/// </summary>
internal sealed class DatadogInfoDocument
{
    /// <summary>The agent version reported to tracers (some enable features by version).</summary>
    public const string AgentVersion = "7.65.0";

    public static readonly string[] Endpoints =
        ["/v0.3/traces", "/v0.3/services", "/v0.4/traces", "/v0.4/services", "/v0.5/traces", "/v0.7/traces", "/v0.6/stats"];

    public DatadogInfoDocument(int receiverPort)
    {
        Body = Build(receiverPort);
        State = Convert.ToHexStringLower(SHA256.HashData(Body));
    }

    public byte[] Body { get; }

    public string State { get; }

    private static byte[] Build(int receiverPort)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, IndentCharacter = '\t', IndentSize = 1 }))
        {
            json.WriteStartObject();
            json.WriteString("version", AgentVersion);
            json.WriteString("git_commit", "tracehound");
            json.WriteStartArray("endpoints");
            foreach (var endpoint in Endpoints)
            {
                json.WriteStringValue(endpoint);
            }

            json.WriteEndArray();
            // Tracehound keeps every trace: tracers must not drop priority-0 traces client-side.
            json.WriteBoolean("client_drop_p0s", false);
            json.WriteBoolean("span_meta_structs", true);
            json.WriteBoolean("long_running_spans", true);
            json.WriteBoolean("span_events", true);
            json.WriteStartArray("evp_proxy_allowed_headers");
            foreach (var header in new[] { "Content-Type", "Accept-Encoding", "Content-Encoding", "User-Agent", "DD-CI-PROVIDER-NAME" })
            {
                json.WriteStringValue(header);
            }

            json.WriteEndArray();
            json.WriteStartObject("config");
            json.WriteString("default_env", "none");
            json.WriteNumber("target_tps", 10);
            json.WriteNumber("max_eps", 200);
            json.WriteNumber("receiver_port", receiverPort);
            json.WriteString("receiver_socket", string.Empty);
            json.WriteNumber("connection_limit", 0);
            json.WriteNumber("receiver_timeout", 0);
            json.WriteNumber("max_request_bytes", DatadogLimits.MaxRequestBytes);
            json.WriteNumber("statsd_port", 0);
            json.WriteNumber("max_memory", 0);
            json.WriteNumber("max_cpu", 0);
            json.WriteStartObject("analyzed_spans_by_service");
            json.WriteEndObject();
            json.WriteStartObject("obfuscation");
            json.WriteBoolean("elastic_search", false);
            json.WriteBoolean("mongo", false);
            json.WriteBoolean("sql_exec_plan", false);
            json.WriteBoolean("sql_exec_plan_normalize", false);
            json.WriteStartObject("http");
            json.WriteBoolean("remove_query_string", false);
            json.WriteBoolean("remove_path_digits", false);
            json.WriteEndObject();
            json.WriteBoolean("remove_stack_traces", false);
            json.WriteBoolean("redis", false);
            json.WriteBoolean("memcached", false);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("peer_tags");
            json.WriteEndArray();
            json.WriteStartArray("span_kinds_stats_computed");
            foreach (var kind in new[] { "server", "consumer", "client", "producer" })
            {
                json.WriteStringValue(kind);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
