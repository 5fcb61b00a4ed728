namespace Tracehound.Ingest.Zipkin;

/// <summary>Zipkin v2's span kinds; <see cref="None"/> is a local (in-process) span.</summary>
internal enum ZipkinSpanKind : byte
{
    None,
    Client,
    Server,
    Producer,
    Consumer,
}
