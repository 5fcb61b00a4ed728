using Grpc.Core;
using Grpc.Net.Client;

namespace Tracehound.LoadGen;

/// <summary>OTLP/gRPC <c>TraceService/Export</c> over a few HTTP/2 connections.</summary>
internal sealed class GrpcOtlpTransport : IExportTransport
{
    private static readonly Method<byte[], byte[]> Export = new(
        MethodType.Unary,
        "opentelemetry.proto.collector.trace.v1.TraceService",
        "Export",
        Marshallers.Create(static b => b, static b => b),
        Marshallers.Create(static b => b, static b => b));

    private readonly GrpcChannel[] _channels;
    private int _next;

    public GrpcOtlpTransport(Uri endpoint, int connections)
    {
        _channels = [.. Enumerable.Range(0, connections).Select(_ => GrpcChannel.ForAddress(endpoint, new GrpcChannelOptions { MaxSendMessageSize = null }))];
    }

    public async Task<bool> SendAsync(byte[] payload, int traceCount)
    {
        var channel = _channels[(uint)Interlocked.Increment(ref _next) % _channels.Length];
        try
        {
            await channel.CreateCallInvoker().AsyncUnaryCall(Export, null, new CallOptions(deadline: DateTime.UtcNow.AddMinutes(2)), payload);
            return true;
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.ResourceExhausted or StatusCode.Unavailable)
        {
            return false;
        }
    }

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }
}
