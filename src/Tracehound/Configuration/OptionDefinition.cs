namespace Tracehound.Configuration;

/// <summary>
/// One setting. The same name is the command-line option (<c>--otlp-grpc</c>), the key in the
/// <c>Tracehound</c> section of appsettings.json (<c>"otlp-grpc"</c>) and, upper-cased with
/// underscores, the environment variable (<c>TRACEHOUND_OTLP_GRPC</c>).
/// </summary>
internal sealed record OptionDefinition(string Name, OptionKind Kind, string? Default, string ValueName, string Help, string[]? Choices = null)
{
    public string EnvironmentVariable => "TRACEHOUND_" + Name.Replace('-', '_').ToUpperInvariant();
}
