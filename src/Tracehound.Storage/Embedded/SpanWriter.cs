using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using Tracehound.Model;

namespace Tracehound.Storage.Embedded;

/// <summary>
/// Appends commit groups on the one write connection; used only by the writer thread. A group is
/// appended in one transaction: spans, their trace_index rows, and whatever resources, scopes and
/// operations are new. The values per span are kept few (DuckDB's appender costs ≈0.3 µs per
/// VARCHAR): ids and numbers, the name, the attributes as one JSON text, and one nullable column
/// folding everything rarely queried.
/// </summary>
internal sealed class SpanWriter : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly ResourceCatalog _catalog;
    private readonly HashSet<ulong> _storedResources;
    private readonly HashSet<ulong> _storedScopes;
    private readonly HashSet<(string Service, string Name, SpanKind Kind)> _storedOperations = [];
    private readonly ArrayBufferWriter<byte> _jsonBuffer = new(4096);
    private readonly Utf8JsonWriter _json;
    private long _lastGroup;

    public SpanWriter(DuckDBConnection connection, ResourceCatalog catalog)
    {
        _connection = connection;
        _catalog = catalog;
        _json = new Utf8JsonWriter(_jsonBuffer, TypedJson.WriterOptions);
        _storedResources = [.. catalog.ResourceIds];
        _storedScopes = [.. catalog.ScopeIds];
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT DISTINCT service, name, kind FROM operations";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                _storedOperations.Add((reader.GetString(0), reader.GetString(1), (SpanKind)reader.GetFieldValue<byte>(2)));
            }
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT coalesce(max(grp), 0) FROM trace_index";
            _lastGroup = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// Appends the batches in one transaction and commits it. DuckDB makes a commit durable before
    /// COMMIT returns: DuckTransaction::Commit calls StorageCommitState::FlushCommit, which runs
    /// WriteAheadLog::Flush, which writes a WAL_FLUSH entry and Sync()s (fsyncs) the WAL file
    /// (src/transaction/duck_transaction.cpp, src/storage/write_ahead_log.cpp, DuckDB 1.x). When the
    /// commit triggers an automatic checkpoint instead, the data goes to the database file, which
    /// the checkpoint syncs before the WAL is dropped. So once this returns the spans survive kill -9.
    /// </summary>
    public void Commit(IReadOnlyList<PendingWrite> writes)
    {
        var group = ++_lastGroup;
        var resourceIds = new Dictionary<Resource, ulong>(ReferenceEqualityComparer.Instance);
        var scopeIds = new Dictionary<InstrumentationScope, ulong>(ReferenceEqualityComparer.Instance);
        var newResources = new List<(ulong Id, Resource Resource, string Attributes)>();
        var newScopes = new List<(ulong Id, InstrumentationScope Scope, string Attributes)>();
        var newOperations = new List<(string Service, string Name, SpanKind Kind)>();
        var traces = new Dictionary<TraceId, (long Min, long Max)>();

        using var transaction = _connection.BeginTransaction();
        using (var spans = _connection.CreateAppender("spans"))
        {
            foreach (var write in writes)
            {
                foreach (var span in write.Batch.Spans)
                {
                    if (!resourceIds.TryGetValue(span.Resource, out var resourceId))
                    {
                        var attributes = AttributesText(span.Resource.Attributes) ?? "{}";
                        resourceId = ContentId.Of("r", attributes, span.Resource.DroppedAttributesCount.ToString(CultureInfo.InvariantCulture), span.Resource.SchemaUrl);
                        resourceIds.Add(span.Resource, resourceId);
                        if (!_storedResources.Contains(resourceId) && newResources.TrueForAll(r => r.Id != resourceId))
                        {
                            newResources.Add((resourceId, span.Resource, attributes));
                        }
                    }

                    if (!scopeIds.TryGetValue(span.Scope, out var scopeId))
                    {
                        var attributes = AttributesText(span.Scope.Attributes) ?? "{}";
                        scopeId = ContentId.Of("s", span.Scope.Name, span.Scope.Version, attributes, span.Scope.DroppedAttributesCount.ToString(CultureInfo.InvariantCulture), span.Scope.SchemaUrl);
                        scopeIds.Add(span.Scope, scopeId);
                        if (!_storedScopes.Contains(scopeId) && newScopes.TrueForAll(s => s.Id != scopeId))
                        {
                            newScopes.Add((scopeId, span.Scope, attributes));
                        }
                    }

                    var operation = (span.ServiceName, span.Name, span.Kind);
                    if (!_storedOperations.Contains(operation) && !newOperations.Contains(operation))
                    {
                        newOperations.Add(operation);
                    }

                    var start = span.StartTimeUnixNano;
                    traces[span.TraceId] = traces.TryGetValue(span.TraceId, out var range)
                        ? (Math.Min(range.Min, start), Math.Max(range.Max, start))
                        : (start, start);

                    spans.CreateRow()
                        .AppendValue(span.TraceId.High)
                        .AppendValue(span.TraceId.Low)
                        .AppendValue(span.SpanId.Value)
                        .AppendValue(span.ParentSpanId.Value)
                        .AppendValue(start)
                        .AppendValue(unchecked(span.EndTimeUnixNano - start))
                        .AppendValue(group)
                        .AppendValue(resourceId)
                        .AppendValue(scopeId)
                        .AppendValue(span.Name)
                        .AppendValue((byte)span.Kind)
                        .AppendValue((byte)span.StatusCode)
                        .AppendValue(span.Flags)
                        .AppendValue(AttributesText(span.Attributes))
                        .AppendValue(SpanExtraJson.Write(span, _jsonBuffer, _json))
                        .EndRow();
                }
            }
        }

        using (var index = _connection.CreateAppender("trace_index"))
        {
            foreach (var (id, range) in traces)
            {
                index.CreateRow().AppendValue(id.High).AppendValue(id.Low).AppendValue(group).AppendValue(range.Min).AppendValue(range.Max).EndRow();
            }
        }

        if (newResources.Count > 0)
        {
            using var appender = _connection.CreateAppender("resources");
            foreach (var (id, resource, attributes) in newResources)
            {
                appender.CreateRow().AppendValue(id).AppendValue(resource.ServiceName).AppendValue(attributes)
                    .AppendValue(resource.DroppedAttributesCount).AppendValue(resource.SchemaUrl).EndRow();
                _catalog.Add(id, resource);
            }
        }

        if (newScopes.Count > 0)
        {
            using var appender = _connection.CreateAppender("scopes");
            foreach (var (id, scope, attributes) in newScopes)
            {
                appender.CreateRow().AppendValue(id).AppendValue(scope.Name).AppendValue(scope.Version).AppendValue(attributes)
                    .AppendValue(scope.DroppedAttributesCount).AppendValue(scope.SchemaUrl).EndRow();
                _catalog.Add(id, scope);
            }
        }

        if (newOperations.Count > 0)
        {
            using var appender = _connection.CreateAppender("operations");
            foreach (var (service, name, kind) in newOperations)
            {
                appender.CreateRow().AppendValue(service).AppendValue(name).AppendValue((byte)kind).EndRow();
            }
        }

        // Readers may see the catalog entries above before the commit; that is harmless, while the
        // reverse (spans visible, resource unknown) would not be.
        transaction.Commit();

        foreach (var r in newResources)
        {
            _storedResources.Add(r.Id);
        }

        foreach (var s in newScopes)
        {
            _storedScopes.Add(s.Id);
        }

        foreach (var o in newOperations)
        {
            _storedOperations.Add(o);
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

    private string? AttributesText(KeyValue[] attributes)
    {
        if (attributes.Length == 0)
        {
            return null;
        }

        _jsonBuffer.ResetWrittenCount();
        _json.Reset(_jsonBuffer);
        TypedJson.WriteAttributes(_json, attributes);
        _json.Flush();
        return Encoding.UTF8.GetString(_jsonBuffer.WrittenSpan);
    }
}
