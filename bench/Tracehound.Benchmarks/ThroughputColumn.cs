using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Tracehound.Benchmarks;

/// <summary>
/// Turns a decode benchmark's mean time and allocations into throughput per its input's size:
/// MB/s, spans/s and allocated B/span. The input of each benchmark method comes from
/// <c>inputOf</c> (null: the method has no input to report), which rebuilds the same seeded inputs
/// in the host process.
/// </summary>
internal sealed class ThroughputColumn : IColumn
{
    private readonly Metric _metric;
    private readonly Func<string, (int Bytes, int Spans)?> _inputOf;

    public ThroughputColumn(Metric metric, Func<string, (int Bytes, int Spans)?> inputOf)
    {
        _metric = metric;
        _inputOf = inputOf;
    }

    /// <summary>The three columns for one kind of input.</summary>
    public static IColumn[] All(Func<string, (int Bytes, int Spans)?> inputOf) =>
        [new ThroughputColumn(Metric.MegabytesPerSecond, inputOf), new ThroughputColumn(Metric.SpansPerSecond, inputOf), new ThroughputColumn(Metric.AllocatedBytesPerSpan, inputOf)];

    public enum Metric
    {
        MegabytesPerSecond,
        SpansPerSecond,
        AllocatedBytesPerSpan,
    }

    public string Id => $"{nameof(ThroughputColumn)}.{_metric}";

    public string ColumnName => _metric switch
    {
        Metric.MegabytesPerSecond => "MB/s",
        Metric.SpansPerSecond => "spans/s",
        _ => "B/span",
    };

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => (int)_metric;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _metric switch
    {
        Metric.MegabytesPerSecond => "Payload megabytes (10^6 B) decoded per second on one core",
        Metric.SpansPerSecond => "Spans decoded per second on one core",
        _ => "Managed bytes allocated per decoded span",
    };

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        var meanNanoseconds = report?.ResultStatistics?.Mean;
        if (report is null || meanNanoseconds is null or <= 0 || _inputOf(benchmarkCase.Descriptor.WorkloadMethod.Name) is not { } input)
        {
            return "-";
        }

        var seconds = meanNanoseconds.Value / 1e9;
        return _metric switch
        {
            Metric.MegabytesPerSecond => (input.Bytes / seconds / 1e6).ToString("N0", CultureInfo.InvariantCulture),
            Metric.SpansPerSecond => (input.Spans / seconds).ToString("N0", CultureInfo.InvariantCulture),
            _ => report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) is { } bytes
                ? ((double)bytes / input.Spans).ToString("N1", CultureInfo.InvariantCulture)
                : "-",
        };
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
