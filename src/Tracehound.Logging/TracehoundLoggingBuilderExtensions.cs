using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tracehound.Logging;

namespace Microsoft.Extensions.Logging;

/// <summary>Adds trace-log correlation to Microsoft.Extensions.Logging.</summary>
public static class TracehoundLoggingBuilderExtensions
{
    /// <summary>
    /// Adds to every log record written inside an <see cref="System.Diagnostics.Activity"/> a scope
    /// with <c>dd.trace_id</c>, <c>dd.span_id</c> (decimal of the low 64 bits), <c>dd.service</c>,
    /// <c>dd.env</c>, <c>dd.version</c>, <c>trace_id</c> and <c>span_id</c> (hex). Providers show
    /// scopes when asked to: <c>AddJsonConsole(o =&gt; o.IncludeScopes = true)</c>,
    /// <c>AddOpenTelemetry(o =&gt; o.IncludeScopes = true)</c>.
    /// </summary>
    /// <remarks>
    /// It registers the logger factory's <see cref="IExternalScopeProvider"/>, which replaces the
    /// factory's own: the <c>TraceId</c>/<c>SpanId</c>/<c>ParentId</c> scope of
    /// <c>LoggerFactoryOptions.ActivityTrackingOptions</c> is then not added (the correlation scope
    /// carries the same ids as <c>trace_id</c>/<c>span_id</c>).
    /// </remarks>
    /// <param name="builder">The app's logging builder.</param>
    /// <param name="configure">Sets the service, env and version (else taken from DD_* or OTEL_* environment variables).</param>
    /// <returns>The same builder.</returns>
    public static ILoggingBuilder AddTracehoundCorrelation(this ILoggingBuilder builder, Action<TracehoundCorrelationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<TracehoundCorrelationOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // LoggerFactory takes an IExternalScopeProvider from the container when one is registered.
        builder.Services.Replace(ServiceDescriptor.Singleton<IExternalScopeProvider>(services =>
            new TracehoundScopeProvider(CorrelationIdentity.Resolve(
                services.GetRequiredService<IOptions<TracehoundCorrelationOptions>>().Value,
                Environment.GetEnvironmentVariable))));
        return builder;
    }
}
