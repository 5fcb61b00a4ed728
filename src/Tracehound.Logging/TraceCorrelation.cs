using System.Buffers.Binary;
using System.Collections;
using System.Diagnostics;
using System.Globalization;

namespace Tracehound.Logging;

/// <summary>
/// The correlation fields of one <see cref="Activity"/>, as a list of key-value pairs: the shape
/// Microsoft.Extensions.Logging scopes and formatters understand. Made once per activity (kept as
/// the activity's custom property) and shared by every log written inside it.
/// </summary>
internal sealed class TraceCorrelation : IReadOnlyList<KeyValuePair<string, object?>>
{
    private const string CustomPropertyName = "Tracehound.Logging.TraceCorrelation";

    private readonly KeyValuePair<string, object?>[] _fields;
    private readonly CorrelationIdentity _identity;
    private readonly string _text;

    private TraceCorrelation(KeyValuePair<string, object?>[] fields, CorrelationIdentity identity, string text)
    {
        _fields = fields;
        _identity = identity;
        _text = text;
    }

    public int Count => _fields.Length;

    public KeyValuePair<string, object?> this[int index] => _fields[index];

    /// <summary>The fields for <paramref name="activity"/>; null outside an activity or for one without W3C ids.</summary>
    public static TraceCorrelation? For(Activity? activity, CorrelationIdentity identity)
    {
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C)
        {
            return null;
        }

        if (activity.GetCustomProperty(CustomPropertyName) is TraceCorrelation cached && ReferenceEquals(cached._identity, identity))
        {
            return cached;
        }

        var created = Create(activity.TraceId, activity.SpanId, identity);
        activity.SetCustomProperty(CustomPropertyName, created);
        return created;
    }

    public static TraceCorrelation Create(ActivityTraceId traceId, ActivitySpanId spanId, CorrelationIdentity identity)
    {
        var traceHex = traceId.ToHexString();
        var spanHex = spanId.ToHexString();
        var fields = new List<KeyValuePair<string, object?>>(7);
        if (identity.Datadog)
        {
            Span<byte> trace = stackalloc byte[16];
            traceId.CopyTo(trace);
            Span<byte> span = stackalloc byte[8];
            spanId.CopyTo(span);
            // Datadog ids are the low 64 bits of the trace id and the span id, as unsigned decimals.
            fields.Add(new("dd.trace_id", BinaryPrimitives.ReadUInt64BigEndian(trace[8..]).ToString(CultureInfo.InvariantCulture)));
            fields.Add(new("dd.span_id", BinaryPrimitives.ReadUInt64BigEndian(span).ToString(CultureInfo.InvariantCulture)));
            AddIfSet(fields, "dd.service", identity.Service);
            AddIfSet(fields, "dd.env", identity.Env);
            AddIfSet(fields, "dd.version", identity.Version);
        }

        if (identity.OpenTelemetry)
        {
            fields.Add(new("trace_id", traceHex));
            fields.Add(new("span_id", spanHex));
        }

        return new TraceCorrelation([.. fields], identity, $"trace_id:{traceHex} span_id:{spanHex}");
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_fields).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>What text formatters print for the scope (the JSON console formatter's scope <c>Message</c>).</summary>
    public override string ToString() => _text;

    private static void AddIfSet(List<KeyValuePair<string, object?>> fields, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            fields.Add(new(key, value));
        }
    }
}
