namespace Tracehound.Hosting;

/// <summary>The protocol family a listener speaks (it decides the HTTP versions Kestrel offers).</summary>
internal enum ListenerKind
{
    /// <summary>gRPC: HTTP/2 without TLS (prior knowledge), as OTLP exporters connect.</summary>
    Grpc,

    /// <summary>Plain HTTP/1.1.</summary>
    Http,
}
