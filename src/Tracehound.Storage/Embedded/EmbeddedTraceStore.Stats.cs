using DuckDB.NET.Data;

namespace Tracehound.Storage.Embedded;

/// <summary>
/// APM stats: written on a connection of their own to the same database (not through the span write queue: a
/// flush is a few hundred rows every 10 s, one transaction each), read like spans on pooled read connections.
/// The table is created on first use.
/// </summary>
public sealed partial class EmbeddedTraceStore : IStatsStore
{
    private readonly SemaphoreSlim _statsWriteGate = new(1, 1);
    private readonly Lock _statsSchemaLock = new();
    private volatile bool _statsSchemaReady;

    public async Task WriteStatsAsync(StatsWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _statsWriteGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Run(() =>
            {
                var connection = _readers.Rent();
                var healthy = false;
                try
                {
                    EnsureStatsSchema(connection);
                    StatsWriter.Write(connection, write);
                    healthy = true;
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
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _statsWriteGate.Release();
        }
    }

    public Task<IReadOnlyList<StatsRow>> ReadStatsAsync(StatsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadAsync<IReadOnlyList<StatsRow>>(connection =>
        {
            EnsureStatsSchema(connection);
            var sql = $"SELECT {StatsSchema.Columns} FROM stats WHERE resolution_ns = $1 AND bucket_start >= $2 AND bucket_start < $3";
            var parameters = new List<object> { query.BucketDurationNanos, query.StartUnixNano, query.EndUnixNano };
            if (query.Service is { } service)
            {
                parameters.Add(service);
                sql += " AND service = $" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (query.Resource is { } resource)
            {
                parameters.Add(resource);
                sql += " AND resource = $" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            using var command = Command(connection, sql, [.. parameters]);
            using var reader = command.ExecuteReader();
            var rows = new List<StatsRow>();
            while (reader.Read())
            {
                rows.Add(StatsRowReader.Read(reader));
            }

            return rows;
        }, cancellationToken);
    }

    private void EnsureStatsSchema(DuckDBConnection connection)
    {
        if (_statsSchemaReady)
        {
            return;
        }

        lock (_statsSchemaLock)
        {
            if (!_statsSchemaReady)
            {
                Execute(connection, StatsSchema.Create);
                _statsSchemaReady = true;
            }
        }
    }
}
