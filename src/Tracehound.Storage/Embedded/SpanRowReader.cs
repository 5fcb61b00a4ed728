using System.Data.Common;
using System.Text;
using System.Text.Json;
using Tracehound.Model;

namespace Tracehound.Storage.Embedded;

/// <summary>Rebuilds a <see cref="Span"/> from a row selected with <see cref="StoreSchema.SpanColumns"/>.</summary>
internal static class SpanRowReader
{
    public static Span Read(DbDataReader row, ResourceCatalog catalog)
    {
        var start = row.GetInt64(4);
        var span = new Span
        {
            TraceId = new TraceId(row.GetFieldValue<ulong>(0), row.GetFieldValue<ulong>(1)),
            SpanId = new SpanId(row.GetFieldValue<ulong>(2)),
            ParentSpanId = new SpanId(row.GetFieldValue<ulong>(3)),
            StartTimeUnixNano = start,
            EndTimeUnixNano = unchecked(start + row.GetInt64(5)),
            Resource = catalog.GetResource(row.GetFieldValue<ulong>(6)),
            Scope = catalog.GetScope(row.GetFieldValue<ulong>(7)),
            Name = row.GetString(8),
            Kind = (SpanKind)row.GetFieldValue<byte>(9),
            StatusCode = (StatusCode)row.GetFieldValue<byte>(10),
            Flags = row.GetFieldValue<uint>(11),
        };

        if (!row.IsDBNull(12))
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(row.GetString(12)), TypedJson.ReadOptions);
            reader.Read();
            span.Attributes = TypedJson.ReadAttributes(ref reader);
        }

        if (!row.IsDBNull(13))
        {
            SpanExtraJson.Read(row.GetString(13), span);
        }

        return span;
    }
}
