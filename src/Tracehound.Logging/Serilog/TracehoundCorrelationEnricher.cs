using System.Diagnostics;
using Serilog.Core;
using Serilog.Events;

namespace Tracehound.Logging.Serilog;

/// <summary>
/// A Serilog enricher adding the correlation properties of <see cref="Activity.Current"/> to every
/// event written inside an activity: <c>dd.trace_id</c>, <c>dd.span_id</c>, <c>dd.service</c>,
/// <c>dd.env</c>, <c>dd.version</c>, <c>trace_id</c>, <c>span_id</c>. Properties the event already
/// has are left alone.
/// </summary>
public sealed class TracehoundCorrelationEnricher : ILogEventEnricher
{
    private readonly CorrelationIdentity _identity;

    /// <summary>An enricher with the service, env and version from <paramref name="options"/> or the environment.</summary>
    /// <param name="options">Null: everything from DD_* or OTEL_* environment variables.</param>
    public TracehoundCorrelationEnricher(TracehoundCorrelationOptions? options = null)
    {
        _identity = CorrelationIdentity.Resolve(options ?? new TracehoundCorrelationOptions(), Environment.GetEnvironmentVariable);
    }

    /// <inheritdoc />
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (TraceCorrelation.For(Activity.Current, _identity) is not { } correlation)
        {
            return;
        }

        foreach (var field in correlation)
        {
            logEvent.AddPropertyIfAbsent(new LogEventProperty(field.Key, new ScalarValue(field.Value)));
        }
    }
}
