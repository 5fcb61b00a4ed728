using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Tracehound.Logging;

/// <summary>
/// The logger factory's scope provider with one more, outermost scope: the correlation fields of
/// <see cref="Activity.Current"/>. Every provider that reads scopes (the console formatters with
/// <c>IncludeScopes</c>, OpenTelemetry's logger with <c>IncludeScopes</c>) sees them on every
/// record written inside an activity; scopes pushed by the app work as before.
/// </summary>
internal sealed class TracehoundScopeProvider : IExternalScopeProvider
{
    private readonly LoggerExternalScopeProvider _scopes = new();
    private readonly CorrelationIdentity _identity;

    public TracehoundScopeProvider(CorrelationIdentity identity)
    {
        _identity = identity;
    }

    public void ForEachScope<TState>(Action<object?, TState> callback, TState state)
    {
        if (TraceCorrelation.For(Activity.Current, _identity) is { } correlation)
        {
            callback(correlation, state);
        }

        _scopes.ForEachScope(callback, state);
    }

    public IDisposable Push(object? state) => _scopes.Push(state);
}
