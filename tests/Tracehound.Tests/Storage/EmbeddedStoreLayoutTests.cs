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
