using DuckDB.NET.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Tracehound.Model;
using Tracehound.Pipeline;
using Tracehound.Storage;
using Tracehound.Storage.Embedded;
using Xunit;
using static Tracehound.Tests.Storage.StoreTestSpans;

namespace Tracehound.Tests.Storage;

/// <summary>
/// What the embedded store's file looks like on disk: the choices that keep it small (and its
/// lookups cheap) must really take effect, not be silently ignored by the engine.
/// </summary>
public sealed class EmbeddedStoreLayoutTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tracehound-layout-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }

    [Fact]
    public async Task Dispose_NewStore_AttributeColumnsAreZstdCompressed()
    {
        var store = Open();
        var resource = ResourceFor("layout");
        var spans = Enumerable.Range(1, 2000)
            .Select(i => Make(Id(7, (ulong)(i / 10) + 1), (ulong)i, resource, "op", i, attributes: [KeyValue.String("http.route", "/items/" + i)]))
            .ToArray();
        Assert.Equal(ExportResult.Success, await store.WriteAsync(Batch(spans), CancellationToken.None));
        await store.DisposeAsync();

        var compressions = Query(
            "SELECT DISTINCT column_name, compression FROM pragma_storage_info('spans') WHERE column_name IN ('attributes', 'extra') AND compression <> 'Constant'");

        Assert.Contains(("attributes", "ZSTD"), compressions);
        Assert.DoesNotContain(compressions, c => c.Compression is "Uncompressed" or "FSST" or "DICT_FSST" && c.Column == "attributes");
    }

    [Fact]
    public async Task GetTraceAsync_TraceInManyNonAdjacentCommitGroups_ReturnsEverySpanInOrder()
    {
        // Every awaited write is its own commit group; other traces in between make the groups of
        // trace 1 non-adjacent, so it is read from several runs of groups.
        var store = Open();
        var resource = ResourceFor("groups");
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(ExportResult.Success, await store.WriteAsync(Batch(Make(Id(9, 1), (ulong)(100 - i), resource, "a", 50 - i)), CancellationToken.None));
            Assert.Equal(ExportResult.Success, await store.WriteAsync(Batch(Make(Id(9, (ulong)(2 + i)), 1, resource, "b", i)), CancellationToken.None));
        }

        var trace = await store.GetTraceAsync(TraceLookup.Full(Id(9, 1)), CancellationToken.None);
        var found = await store.FindTracesAsync(new TraceQuery { OperationName = "a", Limit = 5 }, CancellationToken.None);

        Assert.NotNull(trace);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (ulong)(89 + i)), trace.Spans.Select(s => s.SpanId.Value));
        Assert.Equal(12, Assert.Single(found).Spans.Count);
        await store.DisposeAsync();
    }

    [Fact]
    public async Task FindTracesAsync_TracesInDifferentCommitGroups_ReturnsEachWholeMostRecentFirst()
    {
        var store = Open();
        var resource = ResourceFor("groups");
        for (var i = 0; i < 30; i++)
        {
            var id = Id(3, (ulong)(i % 10) + 1);
            Assert.Equal(ExportResult.Success, await store.WriteAsync(Batch(Make(id, (ulong)(i + 1), resource, "op", i)), CancellationToken.None));
        }

        var found = await store.FindTracesAsync(new TraceQuery { ServiceName = "groups", Limit = 4 }, CancellationToken.None);

        Assert.Equal([10UL, 9, 8, 7], found.Select(t => t.TraceId.Low));
        Assert.All(found, t => Assert.Equal(3, t.Spans.Count));
        Assert.All(found, t => Assert.Equal(t.Spans.OrderBy(s => s.StartTimeUnixNano).Select(s => s.SpanId), t.Spans.Select(s => s.SpanId)));
        await store.DisposeAsync();
    }

    private EmbeddedTraceStore Open() =>
        EmbeddedTraceStore.Open(new EmbeddedStoreOptions { DataDirectory = _directory, MemoryLimitBytes = 64L * 1024 * 1024 }, NullLogger.Instance);

    private List<(string Column, string Compression)> Query(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=" + Path.Combine(_directory, StoreSchema.FileName));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }
}
