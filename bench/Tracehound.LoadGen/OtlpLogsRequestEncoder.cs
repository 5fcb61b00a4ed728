using Tracehound.Model;
using Tracehound.Workload;

namespace Tracehound.LoadGen;

/// <summary>
/// The logs workload (<c>--signal logs</c>): one log record per span of the reference workload, as
/// an app logging once per operation would write it — inside the span (its trace and span id), at
/// its start (observed at its end), severity from its status, a short message and up to four of its
/// attributes — encoded as an OTLP <c>ExportLogsServiceRequest</c>. Since the ids and times are the
/// spans', <see cref="BatchTemplate"/> renders it anew exactly like a trace batch.
/// </summary>
internal static class OtlpLogsRequestEncoder
{
    public static byte[] Encode(IReadOnlyList<Span> spans)
    {
        var request = new ProtobufBuffer(spans.Count * 300);
        foreach (var resourceGroup in spans.GroupBy(s => s.Resource))
        {
            var resourceLogs = request.BeginMessage();
            var resource = resourceLogs.BeginMessage();
            OtlpTraceRequestEncoder.WriteAttributes(resource, 1, resourceGroup.Key.Attributes);
            resourceLogs.EndMessage(1, resource);

            var scopeLogs = resourceLogs.BeginMessage();
            var scope = scopeLogs.BeginMessage();
            OtlpTraceRequestEncoder.WriteString(scope, 1, "loadgen.logger");
            scopeLogs.EndMessage(1, scope);
            foreach (var span in resourceGroup)
            {
                var record = scopeLogs.BeginMessage();
                WriteRecord(record, span);
                scopeLogs.EndMessage(2, record);
            }

            resourceLogs.EndMessage(2, scopeLogs);
            request.EndMessage(1, resourceLogs);
        }

        return request.ToArray();
    }

    private static void WriteRecord(ProtobufBuffer output, Span span)
    {
        var error = span.StatusCode == StatusCode.Error;
        output.WriteFixed64(1, (ulong)span.StartTimeUnixNano);
        OtlpTraceRequestEncoder.WriteUInt32(output, 2, error ? 17u : 9u);
        OtlpTraceRequestEncoder.WriteString(output, 3, error ? "ERROR" : "INFO");
        var body = output.BeginMessage();
        OtlpTraceRequestEncoder.WriteString(body, 1, $"{span.Name} {(error ? "failed" : "completed")} in {span.DurationNanos / 1000} us");
        output.EndMessage(5, body);
        OtlpTraceRequestEncoder.WriteAttributes(output, 6, [.. span.Attributes.Take(4)]);
        OtlpTraceRequestEncoder.WriteUInt32(output, 8, 1);
        Span<byte> id = stackalloc byte[16];
        span.TraceId.WriteBytes(id);
        output.WriteBytes(9, id);
        span.SpanId.WriteBytes(id);
        output.WriteBytes(10, id[..8]);
        output.WriteFixed64(11, (ulong)span.EndTimeUnixNano);
    }
}
