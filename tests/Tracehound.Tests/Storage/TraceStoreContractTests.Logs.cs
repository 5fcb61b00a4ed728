using Tracehound.Model;
using Tracehound.Pipeline;
using Tracehound.Storage;
using Xunit;
using static Tracehound.Tests.Storage.StoreTestLogs;
using static Tracehound.Tests.Storage.StoreTestSpans;

namespace Tracehound.Tests.Storage;

/// <summary>The log part of the store contract (<see cref="ILogStore"/>); every backend's store implements both.</summary>
public abstract partial class TraceStoreContractTests
{
    [Fact]
    public async Task WriteLogsAsync_RecordWithEveryField_RoundTripsExactly()
    {
        var (_, logs) = OpenBoth();
        var record = FullLog();
        var empty = new LogRecord { ObservedTimeUnixNano = BaseTime + 1 };

        Assert.Equal(ExportResult.Success, await logs.WriteLogsAsync(LogBatchOf(record, empty), None));

        var found = await logs.FindLogsAsync(new LogSearch(), None);
        Assert.Equal(2, found.Count);
        AssertSameLog(record, found[0]);
        AssertSameLog(empty, found[1]);
        Assert.Equal(Resource.UnknownServiceName, found[1].ServiceName);
    }

    [Fact]
    public async Task FindLogsAsync_FiltersByTimeServiceSeverityAndTrace_NewestFirst()
    {
        var (_, logs) = OpenBoth();
        var web = ResourceFor("web");
        var db = ResourceFor("db");
        await logs.WriteLogsAsync(LogBatchOf(
            Log(web, "a", 0, severity: 9),
            Log(web, "b", 10, severity: 17, traceId: Id(1, 2), spanId: 3),
            Log(db, "c", 20, severity: 13),
            Log(web, "d", 30, severity: 5, traceId: Id(0, 2))), None);

        Assert.Equal(["d", "c", "b", "a"], Bodies(await logs.FindLogsAsync(new LogSearch(), None)));
        Assert.Equal(["c", "b"], Bodies(await logs.FindLogsAsync(new LogSearch { TimeMinUnixNano = BaseTime + (10 * Millisecond), TimeMaxUnixNano = BaseTime + (20 * Millisecond) }, None)));
        Assert.Equal(["d", "b", "a"], Bodies(await logs.FindLogsAsync(new LogSearch { ServiceName = "web" }, None)));
        Assert.Empty(await logs.FindLogsAsync(new LogSearch { ServiceName = "nobody" }, None));
        Assert.Equal(["c", "b"], Bodies(await logs.FindLogsAsync(new LogSearch { MinSeverityNumber = 13 }, None)));
        Assert.Equal(["d"], Bodies(await logs.FindLogsAsync(new LogSearch { MaxSeverityNumber = 8 }, None)));
        Assert.Equal(["d", "b"], Bodies(await logs.FindLogsAsync(new LogSearch { Trace = TraceLookup.Full(Id(1, 2)) }, None)));
        Assert.Equal(["d", "b"], Bodies(await logs.FindLogsAsync(new LogSearch { Trace = TraceLookup.ByLow64(2) }, None)));
        Assert.Equal(["c", "b"], Bodies(await logs.FindLogsAsync(new LogSearch { Skip = 1, Limit = 2 }, None)));
    }

    [Fact]
    public async Task GetTraceLogsAsync_FullAndLow64OnlyRecords_ReturnsAllInTimeOrderWithFullId()
    {
        var (spans, logs) = OpenBoth();
        var id = Id(0xAAAA, 0xBBBB);
        var resource = ResourceFor("svc");
        await spans.WriteAsync(Batch(Make(id, 1, resource, "root", 0)), None);
        await logs.WriteLogsAsync(LogBatchOf(
            Log(resource, "third", 30, traceId: id, spanId: 1),
            Log(resource, "first", 10, traceId: Id(0, 0xBBBB), spanId: 1),
            Log(resource, "other trace", 15, traceId: Id(0xCCCC, 0xBBBB)),
            Log(resource, "no trace", 16)), None);
        await logs.WriteLogsAsync(LogBatchOf(Log(resource, "second", 20, traceId: id)), None);

        var full = await logs.GetTraceLogsAsync(TraceLookup.Full(id), None);
        var byLow = await logs.GetTraceLogsAsync(TraceLookup.ByLow64(0xBBBB), None);

        Assert.Equal(["first", "second", "third"], Bodies(full));
        Assert.All(full, r => Assert.Equal(id, r.TraceId));
        Assert.Equal(["first", "second", "third"], Bodies(byLow));
        Assert.Empty(await logs.GetTraceLogsAsync(TraceLookup.Full(Id(1, 1)), None));
    }

    [Fact]
    public async Task FindLogsAsync_Low64OnlyRecordBeforeItsTrace_IsResolvedOnceTheTraceIsStored()
    {
        var (spans, logs) = OpenBoth();
        var resource = ResourceFor("svc");
        await logs.WriteLogsAsync(LogBatchOf(Log(resource, "early", 0, traceId: Id(0, 77), spanId: 5)), None);

        Assert.Equal(Id(0, 77), Assert.Single(await logs.FindLogsAsync(new LogSearch(), None)).TraceId);
        Assert.Equal(["early"], Bodies(await logs.GetTraceLogsAsync(TraceLookup.ByLow64(77), None)));

        await spans.WriteAsync(Batch(Make(Id(0x5150, 77), 5, resource, "late trace", 10)), None);

        Assert.Equal(Id(0x5150, 77), Assert.Single(await logs.FindLogsAsync(new LogSearch(), None)).TraceId);
        Assert.Equal(Id(0x5150, 77), Assert.Single(await logs.GetTraceLogsAsync(TraceLookup.Full(Id(0x5150, 77)), None)).TraceId);
        Assert.Equal(1, (await logs.CountLogsBySpanAsync(TraceLookup.ByLow64(77), None))[new SpanId(5)]);
    }

    [Fact]
    public async Task FindLogsAsync_Low64OnlyRecord_ResolvesToMostRecentTraceWithThoseBits()
    {
        var (spans, logs) = OpenBoth();
        var resource = ResourceFor("svc");
        await spans.WriteAsync(Batch(Make(Id(0x1, 9), 1, resource, "older", 0)), None);
        await spans.WriteAsync(Batch(Make(Id(0x2, 9), 1, resource, "newer", 100)), None);
        await logs.WriteLogsAsync(LogBatchOf(Log(resource, "x", 50, traceId: Id(0, 9))), None);

        Assert.Equal(Id(0x2, 9), Assert.Single(await logs.FindLogsAsync(new LogSearch(), None)).TraceId);
    }

    [Fact]
    public async Task CountLogsBySpanAsync_CountsRecordsPerSpanOfTheTraceOnly()
    {
        var (_, logs) = OpenBoth();
        var resource = ResourceFor("svc");
        var id = Id(3, 4);
        await logs.WriteLogsAsync(LogBatchOf(
            Log(resource, "a", 0, traceId: id, spanId: 1),
            Log(resource, "b", 1, traceId: id, spanId: 1),
            Log(resource, "c", 2, traceId: Id(0, 4), spanId: 2),
            Log(resource, "d", 3, traceId: id),
            Log(resource, "e", 4, traceId: Id(5, 4), spanId: 1)), None);

        var counts = await logs.CountLogsBySpanAsync(TraceLookup.Full(id), None);

        Assert.Equal(2, counts.Count);
        Assert.Equal(2, counts[new SpanId(1)]);
        Assert.Equal(1, counts[new SpanId(2)]);
    }

    [Fact]
    public async Task WriteLogsAsync_ThenReopen_KeepsRecords()
    {
        var (_, logs) = OpenBoth();
        var record = FullLog();
        Assert.Equal(ExportResult.Success, await logs.WriteLogsAsync(LogBatchOf(record), None));
        await ((ITraceStore)logs).DisposeAsync();

        var (spans, reopened) = OpenBoth();

        AssertSameLog(record, Assert.Single(await reopened.FindLogsAsync(new LogSearch(), None)));
        Assert.Equal(ExportResult.Success, await spans.WriteAsync(Batch(Make(Id(9, 9), 1, record.Resource, "after", 0)), None));
        Assert.Equal(ExportResult.Success, await reopened.WriteLogsAsync(LogBatchOf(Log(record.Resource, "again", 1)), None));
        Assert.Equal(2, (await reopened.FindLogsAsync(new LogSearch(), None)).Count);
    }

    [Fact]
    public async Task WriteLogsAsync_ConcurrentWithSpans_EveryAcceptedWriteIsStored()
    {
        var (spans, logs) = OpenBoth();
        var resource = ResourceFor("mixed");
        var logWrites = Enumerable.Range(1, 40)
            .Select(i => logs.WriteLogsAsync(LogBatchOf(Log(resource, $"log {i}", i, traceId: Id(7, (ulong)i))), None).AsTask());
        var spanWrites = Enumerable.Range(1, 40)
            .Select(i => spans.WriteAsync(Batch(Make(Id(7, (ulong)i), 1, resource, "op", i)), None).AsTask());

        var results = await Task.WhenAll(logWrites.Concat(spanWrites));

        Assert.All(results, r => Assert.Equal(ExportResult.Success, r));
        Assert.Equal(40, (await logs.FindLogsAsync(new LogSearch(), None)).Count);
        for (var i = 1; i <= 40; i++)
        {
            Assert.NotNull(await spans.GetTraceAsync(TraceLookup.Full(Id(7, (ulong)i)), None));
        }
    }

    [Fact]
    public async Task WriteLogsAsync_QueueFull_ReturnsOverloadedAndEverySuccessIsStored()
    {
        var (_, logs) = OpenBoth(maxQueuedSpans: 10);
        var resource = ResourceFor("burst");

        var results = await Task.WhenAll(Enumerable.Range(1, 300)
            .Select(i => logs.WriteLogsAsync(LogBatchOf(Log(resource, "a", i, traceId: Id(3, (ulong)i)), Log(resource, "b", i, traceId: Id(3, (ulong)i))), None).AsTask()));

        Assert.Contains(ExportResult.Overloaded, results);
        Assert.Contains(ExportResult.Success, results);
        for (var i = 0; i < results.Length; i++)
        {
            var stored = await logs.GetTraceLogsAsync(TraceLookup.Full(Id(3, (ulong)i + 1)), None);
            Assert.Equal(results[i] == ExportResult.Success ? 2 : 0, stored.Count);
        }
    }

    [Fact]
    public async Task WriteLogsAsync_AfterDispose_IsUnavailable()
    {
        var (spans, logs) = OpenBoth();
        await spans.DisposeAsync();

        Assert.Equal(ExportResult.Unavailable, await logs.WriteLogsAsync(LogBatchOf(Log(ResourceFor("late"), "x", 0)), None));
    }

    private (ITraceStore Spans, ILogStore Logs) OpenBoth(int maxQueuedSpans = 100_000)
    {
        var store = Open(maxQueuedSpans);
        return (store, Assert.IsAssignableFrom<ILogStore>(store));
    }

    private static List<string> Bodies(IEnumerable<LogRecord> records) => [.. records.Select(r => r.Body.ToString())];

    private static void AssertSameLog(LogRecord expected, LogRecord actual)
    {
        Assert.Equal(expected.TimeUnixNano, actual.TimeUnixNano);
        Assert.Equal(expected.ObservedTimeUnixNano, actual.ObservedTimeUnixNano);
        Assert.Equal(expected.SeverityNumber, actual.SeverityNumber);
        Assert.Equal(expected.SeverityText, actual.SeverityText);
        Assert.Equal(expected.Body, actual.Body);
        Assert.Equal(expected.Attributes, actual.Attributes);
        Assert.Equal(expected.DroppedAttributesCount, actual.DroppedAttributesCount);
        Assert.Equal(expected.Flags, actual.Flags);
        Assert.Equal(expected.TraceId, actual.TraceId);
        Assert.Equal(expected.SpanId, actual.SpanId);
        Assert.Equal(expected.EventName, actual.EventName);
        Assert.Equal(expected.Resource.Attributes, actual.Resource.Attributes);
        Assert.Equal(expected.Scope.Name, actual.Scope.Name);
        Assert.Equal(expected.Scope.Version, actual.Scope.Version);
        Assert.Equal(expected.Scope.Attributes, actual.Scope.Attributes);
        Assert.Equal(expected.Scope.DroppedAttributesCount, actual.Scope.DroppedAttributesCount);
        Assert.Equal(expected.Scope.SchemaUrl, actual.Scope.SchemaUrl);
    }
}
