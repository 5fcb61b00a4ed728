using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Storage.Embedded;

/// <summary>The log side of the embedded store (<see cref="ILogStore"/>): same queue, same durability, own table.</summary>
public sealed partial class EmbeddedTraceStore : ILogStore
{
    public ValueTask<ExportResult> WriteLogsAsync(LogBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return _queue.EnqueueAsync(batch, cancellationToken);
    }

    public Task<IReadOnlyList<LogRecord>> FindLogsAsync(LogSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        return ReadAsync<IReadOnlyList<LogRecord>>(connection =>
        {
            var sql = new StringBuilder($"SELECT {LogSchema.Columns} FROM logs WHERE ts BETWEEN $1 AND $2");
            var parameters = new List<object> { search.TimeMinUnixNano, search.TimeMaxUnixNano };
            if (search.ServiceName is { } service)
            {
                if (_catalog.ResourceIdList(service) is not { } ids)
                {
                    return [];
                }

                sql.Append(" AND resource_id IN (").Append(ids).Append(')');
            }

            if (search.MinSeverityNumber > 0 || search.MaxSeverityNumber < int.MaxValue)
            {
                parameters.Add(search.MinSeverityNumber);
                parameters.Add(search.MaxSeverityNumber);
                sql.Append(CultureInfo.InvariantCulture, $" AND severity BETWEEN ${parameters.Count - 1} AND ${parameters.Count}");
            }

            if (search.Trace is { } lookup)
            {
                sql.Append(" AND ").Append(TraceCondition(lookup, parameters));
            }

            ulong? StoredHigh(ulong low) => StoredHighHalves(connection, [low]).TryGetValue(low, out var high) ? high : null;
            foreach (var term in search.Terms)
            {
                if (LogTermSql.Condition(term, parameters, _catalog, StoredHigh) is { } condition)
                {
                    sql.Append(" AND (").Append(condition).Append(')');
                }
            }

            parameters.Add(search.Limit);
            parameters.Add(search.Skip);
            sql.Append(CultureInfo.InvariantCulture, $" ORDER BY ts DESC, rowid DESC LIMIT ${parameters.Count - 1} OFFSET ${parameters.Count}");
            var records = ReadLogs(connection, sql.ToString(), parameters);
            ResolveLow64(connection, records);
            return records;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<LogRecord>> GetTraceLogsAsync(TraceLookup lookup, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<LogRecord>>(connection =>
        {
            var resolved = ResolveLookup(connection, lookup);
            var parameters = new List<object>();
            var sql = $"SELECT {LogSchema.Columns} FROM logs WHERE {TraceCondition(resolved, parameters)} ORDER BY ts, rowid";
            var records = ReadLogs(connection, sql, parameters);
            if (!resolved.LowBitsOnly)
            {
                foreach (var record in records)
                {
                    record.TraceId = resolved.Id;
                }
            }

            return records;
        }, cancellationToken);

    public Task<IReadOnlyDictionary<SpanId, int>> CountLogsBySpanAsync(TraceLookup lookup, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyDictionary<SpanId, int>>(connection =>
        {
            var parameters = new List<object>();
            var condition = TraceCondition(ResolveLookup(connection, lookup), parameters);
            using var command = Command(connection, $"SELECT span_id, count(*) FROM logs WHERE {condition} AND span_id <> 0 GROUP BY span_id", [.. parameters]);
            using var reader = command.ExecuteReader();
            var counts = new Dictionary<SpanId, int>();
            while (reader.Read())
            {
                counts[new SpanId(reader.GetFieldValue<ulong>(0))] = (int)reader.GetInt64(1);
            }

            return counts;
        }, cancellationToken);

    /// <summary>
    /// A full id: records with it, and records that knew only its low 64 bits. Low bits only: every
    /// record with those low bits.
    /// </summary>
    private static string TraceCondition(TraceLookup lookup, List<object> parameters)
    {
        parameters.Add(lookup.Id.Low);
        var low = parameters.Count;
        if (lookup.LowBitsOnly)
        {
            return string.Create(CultureInfo.InvariantCulture, $"trace_lo = ${low}");
        }

        parameters.Add(lookup.Id.High);
        return string.Create(CultureInfo.InvariantCulture, $"trace_lo = ${low} AND trace_hi IN (${low + 1}, 0)");
    }

    /// <summary>A low-64 lookup becomes the most recent stored trace with those bits; stays low-only when none is stored (logs first).</summary>
    private static TraceLookup ResolveLookup(DuckDBConnection connection, TraceLookup lookup)
    {
        if (!lookup.LowBitsOnly)
        {
            return lookup;
        }

        var highs = StoredHighHalves(connection, [lookup.Id.Low]);
        return highs.TryGetValue(lookup.Id.Low, out var high) ? TraceLookup.Full(new TraceId(high, lookup.Id.Low)) : lookup;
    }

    /// <summary>Gives records stored with only the low 64 bits of their trace id the full id of the stored trace with those bits.</summary>
    private static void ResolveLow64(DuckDBConnection connection, List<LogRecord> records)
    {
        var lows = records.Where(r => r.TraceId.High == 0 && r.TraceId.Low != 0).Select(r => r.TraceId.Low).Distinct().ToList();
        if (lows.Count == 0)
        {
            return;
        }

        var highs = StoredHighHalves(connection, lows);
        foreach (var record in records)
        {
            if (record.TraceId.High == 0 && highs.TryGetValue(record.TraceId.Low, out var high))
            {
                record.TraceId = new TraceId(high, record.TraceId.Low);
            }
        }
    }

    /// <summary>
    /// For each low half, the high half of the stored trace it belongs to: a trace whose high half
    /// is zero is that very id; otherwise the most recent trace with those low bits.
    /// </summary>
    private static Dictionary<ulong, ulong> StoredHighHalves(DuckDBConnection connection, IReadOnlyCollection<ulong> lows)
    {
        // The lows are numbers parsed from ids, inlined as constants like resource ids.
        var list = string.Join(", ", lows.Select(l => l.ToString(CultureInfo.InvariantCulture)));
        using var command = Command(connection,
            $"SELECT trace_lo, trace_hi, max(max_start) AS latest FROM trace_index WHERE trace_lo IN ({list}) GROUP BY 1, 2 ORDER BY trace_hi = 0, latest, trace_hi DESC");
        using var reader = command.ExecuteReader();
        var highs = new Dictionary<ulong, ulong>();
        while (reader.Read())
        {
            // Ordered so that the preferred trace of each low half comes last and wins.
            highs[reader.GetFieldValue<ulong>(0)] = reader.GetFieldValue<ulong>(1);
        }

        return highs;
    }

    private List<LogRecord> ReadLogs(DuckDBConnection connection, string sql, List<object> parameters)
    {
        using var command = Command(connection, sql, [.. parameters]);
        using var reader = command.ExecuteReader();
        var records = new List<LogRecord>();
        while (reader.Read())
        {
            records.Add(LogRowReader.Read(reader, _catalog));
        }

        return records;
    }
}
