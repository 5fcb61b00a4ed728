using Microsoft.AspNetCore.Http;
using Tracehound.Model;

namespace Tracehound.Query.Parsing;

/// <summary>The parameters of an operations listing (Jaeger's <c>/api/operations</c> and v3's <c>/api/v3/operations</c>).</summary>
internal static class OperationsQuery
{
    /// <summary>Reads <c>service</c> (required) and the span-kind filter; throws <see cref="QueryParameterException"/>.</summary>
    public static (string Service, SpanKind? Kind) Parse(IQueryCollection query, string kindParameter, string missingServiceMessage)
    {
        var service = query["service"].FirstOrDefault() ?? string.Empty;
        if (service.Length == 0)
        {
            throw new QueryParameterException(missingServiceMessage);
        }

        return (service, SpanKindNames.ParseFilter(query[kindParameter].FirstOrDefault(), kindParameter));
    }
}
