using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;
using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Storage.Embedded;

/// <summary>
/// The default store: an embedded DuckDB database in the data directory. Writes go through a
/// group-commit queue (one writer thread, one transaction per group, durable on answer); reads run
/// concurrently on their own connections to the same in-process database.
/// </summary>
public sealed partial class EmbeddedTraceStore : ITraceStore
{
    /// <summary>Bound on a search's first, cheap pass: rows fetched per trace wanted.</summary>
    private const int CandidateRowsPerTrace = 8;

    /// <summary>Above this many runs of commit groups, spans are read from one range of groups.</summary>
    private const int MaxRanges = 64;

    /// <summary>Scans joined with UNION ALL into one query, so planning stays cheap for large result pages.</summary>
    private const int ScansPerQuery = 32;

    /// <summary>How long before its child a parent span may have started and still be joined (dependencies).</summary>
    private const long MaxParentLeadNanos = 3_600_000_000_000;

    private readonly ResourceCatalog _catalog;
    private readonly ReadConnectionPool _readers;
    private readonly GroupCommitQueue _queue;
    private int _disposed;

    private EmbeddedTraceStore(ResourceCatalog catalog, ReadConnectionPool readers, GroupCommitQueue queue)
    {
        _catalog = catalog;
        _readers = readers;
        _queue = queue;
    }

    /// <summary>Opens (creating or recovering) the store in <see cref="EmbeddedStoreOptions.DataDirectory"/>.</summary>
    public static EmbeddedTraceStore Open(EmbeddedStoreOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        Directory.CreateDirectory(options.DataDirectory);
        var path = Path.GetFullPath(Path.Combine(options.DataDirectory, StoreSchema.FileName));

        // A new file is created in a storage format new enough for a column to ask for ZSTD
        // (StoreSchema), which stores the attribute JSON in 32 B/span instead of FSST's 182
        // (measured on the load generator's workload). A file in the old default format silently
        // ignores the request and stores such columns uncompressed.
        // Readers use the same string: DuckDB refuses a second configuration for an open file.
        var connectionString = "DataSource=" + path + ";storage_compatibility_version=" + StoreSchema.StorageVersion;

        // Opening replays the WAL a crash left behind (DuckDB does this on attach).
        var connection = new DuckDBConnection(connectionString);
        try
        {
            connection.Open();
            Execute(connection, $"SET memory_limit = '{Math.Max(options.MemoryLimitBytes / 1024, 1024).ToString(CultureInfo.InvariantCulture)}KiB'");
            Execute(connection, $"SET threads = {Math.Max(options.Threads, 1).ToString(CultureInfo.InvariantCulture)}");

            // The default 16 MB auto-checkpoint made small commits 2.5–3.4x slower (measured); the
            // writer checkpoints itself when idle and at dispose instead.
            Execute(connection, $"SET checkpoint_threshold = '{Math.Max(options.CheckpointThresholdBytes / 1024, 1024).ToString(CultureInfo.InvariantCulture)}KiB'");
            foreach (var statement in StoreSchema.CreateStatements.Concat(LogSchema.CreateStatements))
            {
                Execute(connection, statement);
            }

            var catalog = new ResourceCatalog();
            catalog.Load(connection);
            var writer = new CommitGroupWriter(connection, catalog);
            var queue = new GroupCommitQueue(writer, options.MaxQueuedSpans, logger);
            return new EmbeddedTraceStore(catalog, new ReadConnectionPool(connectionString), queue);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public ValueTask<ExportResult> WriteAsync(SpanBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return _queue.EnqueueAsync(batch, cancellationToken);
    }

    public Task<TraceData?> GetTraceAsync(TraceLookup lookup, CancellationToken cancellationToken) =>
        ReadAsync(connection =>
        {
            var id = lookup.Id;
            if (lookup.LowBitsOnly)
            {
                using var command = Command(connection,
                    "SELECT trace_hi FROM trace_index WHERE trace_lo = $1 GROUP BY trace_hi ORDER BY max(max_start) DESC, trace_hi LIMIT 1",
                    id.Low);
                var high = command.ExecuteScalar();
                if (high is null or DBNull)
                {
                    return null;
                }

                id = new TraceId(Convert.ToUInt64(high, CultureInfo.InvariantCulture), id.Low);
            }

            var traces = LoadTraces(connection, [id]);
            return traces.Count == 0 ? null : traces[0];
        }, cancellationToken);

    public Task<IReadOnlyList<DependencyLink>> GetDependenciesAsync(long startUnixNano, long endUnixNano, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<DependencyLink>>(connection =>
        {
            // Parent and child are joined by id within the window; a parent may have started up to
            // MaxParentLead before its child (long requests). Pairs are counted per resource id and
            // folded into services here, since several resources (instances) share a service.
            using var command = Command(connection,
                """
                SELECT p.resource_id, c.resource_id, count(*)
                FROM spans c JOIN spans p
                  ON p.trace_lo = c.trace_lo AND p.trace_hi = c.trace_hi AND p.span_id = c.parent_id
                WHERE c.parent_id <> 0 AND c.start_ns BETWEEN $1 AND $2
                  AND p.start_ns BETWEEN $3 AND $2 AND p.resource_id <> c.resource_id
                GROUP BY 1, 2
                """,
                startUnixNano, endUnixNano, startUnixNano - MaxParentLeadNanos);
            using var reader = command.ExecuteReader();
            var links = new Dictionary<(string Parent, string Child), long>();
            while (reader.Read())
            {
                var parent = _catalog.GetResource(reader.GetFieldValue<ulong>(0)).ServiceName;
                var child = _catalog.GetResource(reader.GetFieldValue<ulong>(1)).ServiceName;
                if (parent != child)
                {
                    links[(parent, child)] = links.GetValueOrDefault((parent, child)) + reader.GetInt64(2);
                }
            }

            return [.. links.OrderBy(l => l.Key.Parent, StringComparer.Ordinal).ThenBy(l => l.Key.Child, StringComparer.Ordinal)
                .Select(l => new DependencyLink(l.Key.Parent, l.Key.Child, l.Value))];
        }, cancellationToken);

    public Task<IReadOnlyList<Span>> FindSpansAsync(SpanSearch search, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<Span>>(connection =>
        {
            var overrides = search.DatadogService is not null || search.DatadogError ? SpanLevelOverrides(connection) : ([], []);
            var filter = new SpanFilterSql(search, _catalog, overrides.Service, overrides.Error);
            var parameters = filter.Parameters;
            parameters.Add(search.Limit);
            parameters.Add(search.Skip);
            var sql = string.Create(CultureInfo.InvariantCulture,
                $"SELECT {StoreSchema.SpanColumns} FROM spans WHERE {filter.Where} ORDER BY start_ns DESC, span_id LIMIT ${parameters.Count - 1} OFFSET ${parameters.Count}");
            using var command = Command(connection, sql, [.. parameters]);
            using var reader = command.ExecuteReader();
            var spans = new List<Span>();
            while (reader.Read())
            {
                spans.Add(SpanRowReader.Read(reader, _catalog));
            }

            return spans;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> GetServicesAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<string>>(connection =>
        {
            using var command = Command(connection, "SELECT DISTINCT service FROM operations ORDER BY service");
            using var reader = command.ExecuteReader();
            var services = new List<string>();
            while (reader.Read())
            {
                services.Add(reader.GetString(0));
            }

            return services;
        }, cancellationToken);

    public Task<IReadOnlyList<OperationInfo>> GetOperationsAsync(string service, SpanKind? kind, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<OperationInfo>>(connection =>
        {
            using var command = kind is { } k
                ? Command(connection, "SELECT DISTINCT name, kind FROM operations WHERE service = $1 AND kind = $2 ORDER BY name, kind", service, (byte)k)
                : Command(connection, "SELECT DISTINCT name, kind FROM operations WHERE service = $1 ORDER BY name, kind", service);
            using var reader = command.ExecuteReader();
            var operations = new List<OperationInfo>();
            while (reader.Read())
            {
                operations.Add(new OperationInfo(reader.GetString(0), (SpanKind)reader.GetFieldValue<byte>(1)));
            }

            return operations;
        }, cancellationToken);

    public Task<IReadOnlyList<TraceData>> FindTracesAsync(TraceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadAsync<IReadOnlyList<TraceData>>(connection =>
        {
            if (query.Limit <= 0)
            {
                return [];
            }

            var ids = FindTraceIds(connection, query);
            return LoadTraces(connection, ids);
        }, cancellationToken);
    }

    /// <summary>Stops accepting writes, drains the queue, commits, checkpoints and closes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _queue.StopAsync().ConfigureAwait(false);
            _readers.Dispose();
        }
        else
        {
            await _queue.Stopped.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The ids of the most recent matching traces, most recent first. First a top-N over matching
    /// spans by start (cheap: DuckDB's top-N skips row groups by the start_ns zonemaps); only when
    /// those rows hold too few distinct traces, an exact GROUP BY over all matching spans.
    /// </summary>
    private List<TraceId> FindTraceIds(DuckDBConnection connection, TraceQuery query)
    {
        var filter = new SpanFilterSql(query, _catalog);
        var rows = (long)query.Limit * CandidateRowsPerTrace;
        var ids = new List<TraceId>(query.Limit);
        var seen = new HashSet<TraceId>();
        long read = 0;
        using (var command = Command(connection,
            $"SELECT trace_hi, trace_lo FROM spans WHERE {filter.Where} ORDER BY start_ns DESC LIMIT {rows.ToString(CultureInfo.InvariantCulture)}",
            [.. filter.Parameters]))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read() && ids.Count < query.Limit)
            {
                read++;
                var id = new TraceId(reader.GetFieldValue<ulong>(0), reader.GetFieldValue<ulong>(1));
                if (seen.Add(id))
                {
                    ids.Add(id);
                }
            }
        }

        if (ids.Count >= query.Limit || read < rows)
        {
            return ids;
        }

        ids.Clear();
        using (var command = Command(connection,
            $"SELECT trace_hi, trace_lo, max(start_ns) AS latest FROM spans WHERE {filter.Where} GROUP BY trace_hi, trace_lo ORDER BY latest DESC LIMIT {query.Limit.ToString(CultureInfo.InvariantCulture)}",
            [.. filter.Parameters]))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                ids.Add(new TraceId(reader.GetFieldValue<ulong>(0), reader.GetFieldValue<ulong>(1)));
            }
        }

        return ids;
    }

    /// <summary>
    /// Whole traces, in the order of <paramref name="ids"/>, leaving out ids with no spans. Reads
    /// trace_index for the commit groups that hold them, then only those groups of spans.
    /// </summary>
    private List<TraceData> LoadTraces(DuckDBConnection connection, IReadOnlyList<TraceId> ids)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var groupsByTrace = ids.Distinct().ToDictionary(i => i, _ => new SortedSet<long>());
        var lowList = string.Join(", ", ids.Select(i => i.Low).Distinct().Select(l => l.ToString(CultureInfo.InvariantCulture)));
        using (var command = Command(connection, $"SELECT trace_hi, trace_lo, grp FROM trace_index WHERE trace_lo IN ({lowList})"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (groupsByTrace.TryGetValue(new TraceId(reader.GetFieldValue<ulong>(0), reader.GetFieldValue<ulong>(1)), out var groups))
                {
                    groups.Add(reader.GetInt64(2));
                }
            }
        }

        // One scan per run of adjacent groups (of all wanted traces), with the numbers inlined
        // (they are ours, never user text): a constant range is pushed into the scan, whose grp
        // zonemaps then skip every other row group. `grp IN (list)` instead became a join over the
        // whole table: 20 scattered traces took 100–210 ms that way against 22 ms this way (1M
        // spans, measured), while traces sharing recent groups still cost one scan.
        var scans = new List<string>();
        foreach (var (from, to) in GroupRanges(new SortedSet<long>(groupsByTrace.Values.SelectMany(g => g))))
        {
            var lows = groupsByTrace.Where(t => t.Value.GetViewBetween(from, to).Count > 0).Select(t => t.Key.Low).Distinct();
            scans.Add(string.Create(CultureInfo.InvariantCulture,
                $"SELECT {StoreSchema.SpanColumns} FROM spans WHERE grp BETWEEN {from} AND {to} AND trace_lo IN ({string.Join(", ", lows)})"));
        }

        var spans = new Dictionary<TraceId, List<Span>>();
        foreach (var chunk in scans.Chunk(ScansPerQuery))
        {
            using var command = Command(connection, string.Join(" UNION ALL ", chunk));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = new TraceId(reader.GetFieldValue<ulong>(0), reader.GetFieldValue<ulong>(1));
                if (!groupsByTrace.ContainsKey(id))
                {
                    continue; // same low half, other trace
                }

                if (!spans.TryGetValue(id, out var list))
                {
                    spans[id] = list = [];
                }

                list.Add(SpanRowReader.Read(reader, _catalog));
            }
        }

        var traces = new List<TraceData>(ids.Count);
        foreach (var id in ids.Distinct())
        {
            if (spans.TryGetValue(id, out var list))
            {
                list.Sort(static (a, b) => a.StartTimeUnixNano != b.StartTimeUnixNano
                    ? a.StartTimeUnixNano.CompareTo(b.StartTimeUnixNano)
                    : a.SpanId.Value.CompareTo(b.SpanId.Value));
                traces.Add(new TraceData(id, list));
            }
        }

        return traces;
    }

    /// <summary>
    /// The groups as runs of consecutive numbers; more than <see cref="MaxRanges"/> runs are read
    /// as one range from the first group to the last.
    /// </summary>
    private static List<(long From, long To)> GroupRanges(SortedSet<long> groups)
    {
        var ranges = new List<(long From, long To)>();
        foreach (var group in groups)
        {
            if (ranges.Count > 0 && ranges[^1].To + 1 == group)
            {
                ranges[^1] = (ranges[^1].From, group);
            }
            else
            {
                ranges.Add((group, group));
            }
        }

        return ranges.Count > MaxRanges ? [(groups.Min, groups.Max)] : ranges;
    }

    /// <summary>
    /// Runs a read on a pooled connection inside one read transaction, so every query of it sees
    /// the same committed snapshot while the writer goes on.
    /// </summary>
    private Task<T> ReadAsync<T>(Func<DuckDBConnection, T> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return Task.Run(() =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var connection = _readers.Rent();
            var healthy = false;
            try
            {
                T result;
                using (var transaction = connection.BeginTransaction())
                {
                    result = read(connection);
                    transaction.Commit();
                }

                healthy = true;
                return result;
            }
            finally
            {
                if (healthy)
                {
                    _readers.Return(connection);
                }
                else
                {
                    connection.Dispose();
                }
            }
        }, cancellationToken);
    }

    private static DuckDBCommand Command(DuckDBConnection connection, string sql, params object[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(parameter));
        }

        return command;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        command.ExecuteNonQuery();
    }
}
