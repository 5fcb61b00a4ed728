using System.Collections.Concurrent;
using DuckDB.NET.Data;

namespace Tracehound.Storage.Embedded;

/// <summary>
/// Connections for readers. They share the writer's in-process database, and DuckDB's MVCC lets
/// each read see a committed snapshot while the writer appends; a connection serves one reader at a time.
/// </summary>
internal sealed class ReadConnectionPool(string connectionString) : IDisposable
{
    private const int MaxIdle = 8;

    private readonly ConcurrentBag<DuckDBConnection> _idle = [];
    private volatile bool _disposed;

    public DuckDBConnection Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var connection))
        {
            return connection;
        }

        connection = new DuckDBConnection(connectionString);
        connection.Open();
        return connection;
    }

    public void Return(DuckDBConnection connection)
    {
        if (_disposed || _idle.Count >= MaxIdle)
        {
            connection.Dispose();
            return;
        }

        _idle.Add(connection);
        if (_disposed && _idle.TryTake(out var late))
        {
            late.Dispose();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }
}
