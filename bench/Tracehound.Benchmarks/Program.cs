using System.Globalization;
using BenchmarkDotNet.Running;
using Tracehound.Benchmarks.Otlp;

// dotnet run -c Release --project bench/Tracehound.Benchmarks -- --filter '*OtlpProtobufDecode*' --job short
// dotnet run -c Release --project bench/Tracehound.Benchmarks -- --workload   (describe the decode workload)
if (args is ["--workload"])
{
    var spans = DecodeWorkload.Spans;
    var bytes = DecodeWorkload.Payload.Length;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{spans.Count} spans, {bytes} bytes ({(double)bytes / spans.Count:F0} B/span), " +
        $"{spans.Select(s => s.Resource).Distinct().Count()} services, {spans.Select(s => s.TraceId).Distinct().Count()} traces, " +
        $"{spans.Count(s => s.Events.Length > 0)} spans with an event, {spans.Count(s => s.StatusCode == Tracehound.Model.StatusCode.Error)} errors"));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(OtlpProtobufDecodeBenchmarks).Assembly).Run(args);
