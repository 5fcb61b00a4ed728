using Microsoft.Extensions.Logging.Abstractions;
using Tracehound.Model;
using Tracehound.Storage;
using Tracehound.Storage.Embedded;
using Xunit;
using static Tracehound.Tests.Storage.StoreTestLogs;
using static Tracehound.Tests.Storage.StoreTestSpans;

namespace Tracehound.Tests.Logs;

/// <summary>
/// An embedded store holding 400 generated log records built to trip a text search on the stored
/// JSON: every body and attribute value type, mixed case, characters JSON escapes, LIKE wildcards,
/// non-ASCII letters with ASCII look-alikes (Kelvin sign, long s, dotless i, sharp s, final sigma),
/// duplicate attribute keys, resource attributes that share log attribute names, and trace ids in
/// every stored form (full, low 64 bits only with and without a stored trace, two traces sharing low bits).
/// </summary>
public sealed class LogSearchCorpus : IAsyncLifetime
{
    public static readonly string[] Pieces =
    [
        "Payment", "payment", "FAILED", "failed", "order", "Order-42", "user", "K", "\u212A", "k", "\u017F", "s", "S",
        "\u0130", "\u0131", "i", "I", "\u00DF", "SS", "\u03C2", "\u03C3", "\u03A3", "\u00E9", "\u00C9", "\u65E5\u672C", "\uD83D\uDE00",
        "\"", "\\", "%", "_", "\n", "\t", "\u0001", "\u007F", "u0022", "\\n", "5.0", "5", "-3", "{", "[", "]", "}", ":",
        "a\"b", " ", "  ", "<tag>", "&", "'", "+", "NaN", "true", "null", "=", "/",
    ];

    public static readonly string[] Keys = ["user", "http.status", "Key", "k", "a\"b", "\u00FCn\u00EF", "env", "list"];

    public static readonly Resource[] Resources =
    [
        ResourceFor("web", KeyValue.String("env", "prod"), KeyValue.String("user", "Svc-Account")),
        ResourceFor("Web-API", KeyValue.String("env", "staging")),
        ResourceFor("db", KeyValue.Int("k", 5)),
        ResourceFor("\u017Fervice"),
    ];

    /// <summary>Traces stored as spans, so low-64-only records resolve: two share the low bits 7.</summary>
    public static readonly TraceId[] StoredTraces = [Id(0x11, 7), Id(0x22, 7), Id(0x33, 8)];

    public static readonly TraceId[] RecordTraces = [default, Id(0x11, 7), Id(0x22, 7), Id(0, 7), Id(0, 8), Id(0x33, 8), Id(0, 9), Id(0x44, 9), Id(0x55, 10)];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tracehound-logcorpus-" + Guid.NewGuid().ToString("N"));

    internal EmbeddedTraceStore Store { get; private set; } = null!;

    /// <summary>Every stored record, newest first, as the store reads it back (low-64 ids resolved).</summary>
    public IReadOnlyList<LogRecord> All { get; private set; } = [];

    public static string RandomText(Random random, int maxPieces)
    {
        var count = random.Next(1, maxPieces + 1);
        return string.Concat(Enumerable.Range(0, count).Select(_ => Pieces[random.Next(Pieces.Length)]));
    }

    public static AnyValue RandomValue(Random random, int depth = 0) => random.Next(depth > 0 ? 6 : 9) switch
    {
        0 or 1 or 2 => AnyValue.FromString(RandomText(random, 4)),
        3 => AnyValue.FromInt(random.Next(-10, 10)),
        4 => AnyValue.FromDouble(random.Next(4) switch { 0 => 5.0, 1 => -0.25, 2 => double.NaN, _ => 1e20 }),
        5 => AnyValue.FromBool(random.Next(2) == 0),
        6 => AnyValue.FromBytes([(byte)random.Next(256), 0xfb, 0xff]),
        7 => AnyValue.FromArray([RandomValue(random, depth + 1), RandomValue(random, depth + 1)]),
        _ => AnyValue.FromKeyValueList([new KeyValue(random.Next(3) == 0 ? "$b" : Keys[random.Next(Keys.Length)], RandomValue(random, depth + 1))]),
    };

    public async Task InitializeAsync()
    {
        Store = EmbeddedTraceStore.Open(new EmbeddedStoreOptions { DataDirectory = _directory, MemoryLimitBytes = 64L * 1024 * 1024 }, NullLogger.Instance);
        var random = new Random(7);
        for (var i = 0; i < StoredTraces.Length; i++)
        {
            await Store.WriteAsync(Batch(Make(StoredTraces[i], 1, Resources[0], "op", i * 100)), CancellationToken.None);
        }

        var records = new List<LogRecord>();
        for (var i = 0; i < 400; i++)
        {
            var attributes = Enumerable.Range(0, random.Next(4))
                .Select(_ => new KeyValue(Keys[random.Next(Keys.Length)], RandomValue(random)))
                .ToArray();
            var record = Log(Resources[random.Next(Resources.Length)], string.Empty, i, RecordTraces[random.Next(RecordTraces.Length)],
                severity: random.Next(25), attributes: attributes);
            record.Body = random.Next(12) switch
            {
                0 => AnyValue.Empty,
                1 or 2 => RandomValue(random),
                _ => AnyValue.FromString(RandomText(random, 6)),
            };
            records.Add(record);
        }

        await Store.WriteLogsAsync(new LogBatch([.. records]), CancellationToken.None);
        All = await Store.FindLogsAsync(new LogSearch { Limit = 10_000 }, CancellationToken.None);
        Assert.Equal(records.Count, All.Count);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
