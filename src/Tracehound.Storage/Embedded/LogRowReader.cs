using System.Data.Common;
using System.Text;
using System.Text.Json;
using Tracehound.Model;

namespace Tracehound.Storage.Embedded;

/// <summary>Rebuilds a <see cref="LogRecord"/> from a row selected with <see cref="LogSchema.Columns"/>.</summary>
internal static class LogRowReader
{
    public static LogRecord Read(DbDataReader row, ResourceCatalog catalog)
    {
        var record = new LogRecord
        {
            TimeUnixNano = row.GetInt64(0),
            ObservedTimeUnixNano = row.GetInt64(1),
            TraceId = new TraceId(row.GetFieldValue<ulong>(2), row.GetFieldValue<ulong>(3)),
            SpanId = new SpanId(row.GetFieldValue<ulong>(4)),
            Resource = catalog.GetResource(row.GetFieldValue<ulong>(5)),
            Scope = catalog.GetScope(row.GetFieldValue<ulong>(6)),
            SeverityNumber = row.GetInt32(7),
            SeverityText = row.GetString(8),
            Flags = row.GetFieldValue<uint>(9),
            EventName = row.GetString(10),
            DroppedAttributesCount = row.GetFieldValue<uint>(11),
        };

        if (!row.IsDBNull(12))
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(row.GetString(12)), TypedJson.ReadOptions);
            reader.Read();
            record.Body = TypedJson.ReadValue(ref reader);
        }

        if (!row.IsDBNull(13))
        {
            record.Attributes = ResourceCatalog.ParseAttributes(row.GetString(13));
        }

        return record;
    }
}
