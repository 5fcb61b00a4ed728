using DuckDB.NET.Data;
using Tracehound.Model;

namespace Tracehound.Storage.Embedded;

/// <summary>Appends the log records of a commit group, inside the group's transaction. Used only by the writer thread.</summary>
internal sealed class LogWriter(DuckDBConnection connection, CatalogWriter catalog, JsonText json)
{
    /// <summary>Appends the records of <paramref name="writes"/> (span batches are skipped) in the open transaction.</summary>
    public void Append(IReadOnlyList<PendingWrite> writes)
    {
        using var logs = connection.CreateAppender("logs");
        foreach (var write in writes)
        {
            if (write.Logs is not { } batch)
            {
                continue;
            }

            foreach (var record in batch.Records)
            {
                logs.CreateRow()
                    .AppendValue(LogTime.Of(record))
                    .AppendValue(record.TimeUnixNano)
                    .AppendValue(record.ObservedTimeUnixNano)
                    .AppendValue(record.TraceId.High)
                    .AppendValue(record.TraceId.Low)
                    .AppendValue(record.SpanId.Value)
                    .AppendValue(catalog.ResourceId(record.Resource))
                    .AppendValue(catalog.ScopeId(record.Scope))
                    .AppendValue(record.SeverityNumber)
                    .AppendValue(record.SeverityText)
                    .AppendValue(record.Flags)
                    .AppendValue(record.EventName)
                    .AppendValue(record.DroppedAttributesCount)
                    .AppendValue(json.Value(record.Body))
                    .AppendValue(json.Attributes(record.Attributes))
                    .EndRow();
            }
        }
    }
}
