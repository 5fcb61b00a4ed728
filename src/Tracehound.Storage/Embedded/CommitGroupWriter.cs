using DuckDB.NET.Data;

namespace Tracehound.Storage.Embedded;

/// <summary>
/// Writes one commit group (span and log batches alike) on the one write connection, in one
/// transaction, and owns that connection. Used only by the writer thread of <see cref="GroupCommitQueue"/>.
/// </summary>
internal sealed class CommitGroupWriter : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly JsonText _json = new();
    private readonly CatalogWriter _catalog;
    private readonly SpanWriter _spans;
    private readonly LogWriter _logs;

    public CommitGroupWriter(DuckDBConnection connection, ResourceCatalog catalog)
    {
        _connection = connection;
        _catalog = new CatalogWriter(catalog, _json);
        _spans = new SpanWriter(connection, _catalog, _json);
        _logs = new LogWriter(connection, _catalog, _json);
    }

    /// <summary>
    /// Appends the batches in one transaction and commits it. DuckDB makes a commit durable before
    /// COMMIT returns: DuckTransaction::Commit calls StorageCommitState::FlushCommit, which runs
    /// WriteAheadLog::Flush, which writes a WAL_FLUSH entry and Sync()s (fsyncs) the WAL file
    /// (src/transaction/duck_transaction.cpp, src/storage/write_ahead_log.cpp, DuckDB 1.x). When the
    /// commit triggers an automatic checkpoint instead, the data goes to the database file, which
    /// the checkpoint syncs before the WAL is dropped. So once this returns the spans and log
    /// records survive kill -9.
    /// </summary>
    public void Commit(IReadOnlyList<PendingWrite> writes)
    {
        var hasSpans = false;
        var hasLogs = false;
        foreach (var write in writes)
        {
            hasSpans |= write.Spans is not null;
            hasLogs |= write.Logs is not null;
        }

        _catalog.BeginGroup();
        using var transaction = _connection.BeginTransaction();
        if (hasSpans)
        {
            _spans.Append(writes);
        }

        if (hasLogs)
        {
            _logs.Append(writes);
        }

        _catalog.AppendNew(_connection);
        transaction.Commit();

        _catalog.Committed();
        if (hasSpans)
        {
            _spans.Committed();
        }
    }

    /// <summary>Moves the WAL into the database file (compressed), so the WAL stays small and reopening is quick.</summary>
    public void Checkpoint()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "CHECKPOINT";
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _json.Dispose();
        _connection.Dispose();
    }
}
