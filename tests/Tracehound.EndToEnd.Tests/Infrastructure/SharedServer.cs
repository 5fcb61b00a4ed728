namespace Tracehound.EndToEnd.Tests.Infrastructure;

/// <summary>One server for a whole test class (a class fixture), with a small body limit so 413 is cheap to reach.</summary>
public sealed class SharedServer : IAsyncLifetime
{
    public const int MaxBodyBytes = 256 * 1024;

    private readonly TempDirectory _data = new();

    internal TracehoundProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await TracehoundProcess.StartAsync(_data.Path, "--max-body-size", MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _data.Dispose();
    }
}
