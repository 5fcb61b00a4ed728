namespace Tracehound.Ingest.Zipkin;

/// <summary>A Zipkin <c>Endpoint</c>: service name, address (IPv4 or IPv6, as text) and port (0 = none).</summary>
internal sealed record ZipkinEndpoint(string ServiceName, string Address, int Port)
{
    public bool IsEmpty => ServiceName.Length == 0 && Address.Length == 0 && Port == 0;
}
