using System.Globalization;
using DuckDB.NET.Data;
using Tracehound.Model;

namespace Tracehound.Storage.Embedded;

/// <summary>
/// Appends the spans of a commit group, inside the group's transaction (<see cref="CommitGroupWriter"/>):
/// spans, their trace_index rows, and the operations not seen before. Used only by the writer
/// thread. The values per span are kept few (DuckDB's appender costs ≈0.3 µs per VARCHAR): ids and
/// numbers, the name, the attributes as one JSON text, and one nullable column folding everything
/// rarely queried.
/// </summary>
internal sealed class SpanWriter
{
    private readonly DuckDBConnection _connection;
    private readonly CatalogWriter _catalog;
    private readonly JsonText _json;
    private readonly HashSet<(string Service, string Name, SpanKind Kind)> _storedOperations = [];
    private readonly List<(string Service, string Name, SpanKind Kind)> _newOperations = [];
    private long _lastGroup;

    public SpanWriter(DuckDBConnection connection, CatalogWriter catalog, JsonText json)
    {
        _connection = connection;
        _catalog = catalog;
        _json = json;
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

    /// <summary>Appends the spans of <paramref name="writes"/> (log batches are skipped) in the open transaction.</summary>
    public void Append(IReadOnlyList<PendingWrite> writes)
    {
        var group = ++_lastGroup;
        _newOperations.Clear();
        var traces = new Dictionary<TraceId, (long Min, long Max)>();

        using (var spans = _connection.CreateAppender("spans"))
        {
            foreach (var write in writes)
            {
                if (write.Spans is not { } batch)
                {
                    continue;
                }

                foreach (var span in batch.Spans)
                {
                    var resourceId = _catalog.ResourceId(span.Resource);
                    var scopeId = _catalog.ScopeId(span.Scope);
                    var operation = (span.ServiceName, span.Name, span.Kind);
                    if (!_storedOperations.Contains(operation) && !_newOperations.Contains(operation))
                    {
                        _newOperations.Add(operation);
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
                        .AppendValue(_json.Attributes(span.Attributes))
                        .AppendValue(SpanExtraJson.Write(span, _json.Buffer, _json.Writer))
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

        if (_newOperations.Count > 0)
        {
            using var appender = _connection.CreateAppender("operations");
            foreach (var (service, name, kind) in _newOperations)
            {
                appender.CreateRow().AppendValue(service).AppendValue(name).AppendValue((byte)kind).EndRow();
            }
        }
    }

    /// <summary>After COMMIT of a group <see cref="Append"/> wrote into: its new operations are stored from now on.</summary>
    public void Committed()
    {
        foreach (var o in _newOperations)
        {
            _storedOperations.Add(o);
        }

        _newOperations.Clear();
    }
}
