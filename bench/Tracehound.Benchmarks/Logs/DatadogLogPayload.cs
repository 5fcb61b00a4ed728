using System.Globalization;
using System.Text;

namespace Tracehound.Benchmarks.Logs;

/// <summary>
/// A Datadog log intake payload of 1000 logs (the intake's most per array) shaped like what
/// <c>tracehound logs ingest</c> sends for an ASP.NET Core app using Tracehound.Logging: reserved
/// attributes, the lifted State/Scope fields, and the correlation ids (~600 B per log).
/// </summary>
internal static class DatadogLogPayload
{
    public const int Logs = 1000;

    public static byte[] Bytes { get; } = Build();

    private static byte[] Build()
    {
        var random = new Random(7);
        var json = new StringBuilder("[");
        for (var i = 0; i < Logs; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }

            var trace = random.NextInt64(long.MaxValue).ToString("x16", CultureInfo.InvariantCulture) + random.NextInt64(long.MaxValue).ToString("x16", CultureInfo.InvariantCulture);
            var span = random.NextInt64(long.MaxValue).ToString("x16", CultureInfo.InvariantCulture);
            json.Append(CultureInfo.InvariantCulture, $$"""
                {"timestamp":"2025-01-01T10:00:{{i % 60:00}}.{{i % 1000:000}}Z","status":"{{(i % 10 == 0 ? "Warning" : "Information")}}","message":"Order {{i}} checked out for customer {{random.Next(10_000)}} in {{random.Next(500)}} ms","logger.name":"Shop.Checkout.OrderService","service":"checkout-{{i % 8}}","hostname":"web-{{i % 4}}","ddsource":"csharp","ddtags":"env:prod,version:1.4.{{i % 3}}","OrderId":{{i}},"CustomerId":{{random.Next(10_000)}},"RequestPath":"/checkout/{{i}}","ConnectionId":"0HN{{random.Next(100_000)}}","dd.trace_id":"{{ulong.Parse(trace[16..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)}}","dd.span_id":"{{ulong.Parse(span, NumberStyles.HexNumber, CultureInfo.InvariantCulture)}}","dd.service":"checkout-{{i % 8}}","dd.env":"prod","dd.version":"1.4.{{i % 3}}","trace_id":"{{trace}}","span_id":"{{span}}","http":{"method":"POST","status_code":200} }
                """);
        }

        return Encoding.UTF8.GetBytes(json.Append(']').ToString());
    }
}
