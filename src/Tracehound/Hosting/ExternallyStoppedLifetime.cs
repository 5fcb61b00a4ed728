using Microsoft.Extensions.Hosting;

namespace Tracehound.Hosting;

/// <summary>
/// Replaces the console lifetime of each listener's host: <see cref="TracehoundServer"/> owns the
/// signals and stops the listeners first and the store last, in that order.
/// </summary>
internal sealed class ExternallyStoppedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
