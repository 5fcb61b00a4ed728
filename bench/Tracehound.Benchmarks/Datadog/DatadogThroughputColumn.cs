using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Tracehound.Benchmarks.Datadog;

/// <summary>MB/s, spans/s and allocated B/span of a Datadog decode benchmark, from its input's size (<see cref="DatadogDecodeInputs"/>).</summary>
internal sealed class DatadogThroughputColumn : IColumn
{
    private readonly Metric _metric;

    public DatadogThroughputColumn(Metric metric)
    {
        _metric = metric;
    }

    public enum Metric
    {
        MegabytesPerSecond,
        SpansPerSecond,
        AllocatedBytesPerSpan,
    }

    public string Id => $"{nameof(DatadogThroughputColumn)}.{_metric}";

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
        var method = benchmarkCase.Descriptor.WorkloadMethod.Name;
        var report = summary[benchmarkCase];
        var meanNanoseconds = report?.ResultStatistics?.Mean;
        if (report is null || meanNanoseconds is null or <= 0 || !DatadogDecodeInputs.Contains(method))
        {
            return "-";
        }

        var seconds = meanNanoseconds.Value / 1e9;
        var spans = DatadogDecodeInputs.SpanCount(method);
        return _metric switch
        {
            Metric.MegabytesPerSecond => (DatadogDecodeInputs.Payload(method).Length / seconds / 1e6).ToString("N0", CultureInfo.InvariantCulture),
            Metric.SpansPerSecond => (spans / seconds).ToString("N0", CultureInfo.InvariantCulture),
            _ => report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) is { } bytes
                ? ((double)bytes / spans).ToString("N1", CultureInfo.InvariantCulture)
                : "-",
        };
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
