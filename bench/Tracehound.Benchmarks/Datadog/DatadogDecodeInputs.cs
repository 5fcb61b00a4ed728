using Tracehound.Benchmarks.Otlp;
using Tracehound.Workload;

namespace Tracehound.Benchmarks.Datadog;

/// <summary>
/// The payloads the Datadog decode benchmarks read, by benchmark method name: the real dd-trace-js
/// fixtures (14 spans) and the 512-span <see cref="OtlpWorkload"/> batch (same seed as the OTLP
/// decode benchmarks) encoded as v0.4 and v0.5. Built the same way in the benchmark process and
/// in the host process (for the throughput columns).
/// </summary>
internal static class DatadogDecodeInputs
{
    private static readonly Lazy<Dictionary<string, (byte[] Payload, int Spans)>> Inputs = new(() =>
    {
        var spans = new OtlpWorkload(DecodeWorkload.Seed, DecodeWorkload.BaseTimeUnixNano).NextBatch(DecodeWorkload.SpanCount);
        return new Dictionary<string, (byte[], int)>
        {
            ["FixtureV04"] = (LoadFixture("dd-trace-js-v0.4"), 14),
            ["FixtureV05"] = (LoadFixture("dd-trace-js-v0.5"), 14),
            ["WorkloadV04"] = (DatadogWorkloadEncoder.EncodeV04(spans), spans.Count),
            ["WorkloadV05"] = (DatadogWorkloadEncoder.EncodeV05(spans), spans.Count),
        };
    });

    public static byte[] Payload(string method) => Inputs.Value[method].Payload;

    public static int SpanCount(string method) => Inputs.Value[method].Spans;

    public static bool Contains(string method) => Inputs.Value.ContainsKey(method);

    private static byte[] LoadFixture(string label)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "testdata", "fixtures", label, "001.bin");
            if (File.Exists(path))
            {
                return File.ReadAllBytes(path);
            }
        }

        throw new FileNotFoundException("fixture not found: " + label);
    }
}
