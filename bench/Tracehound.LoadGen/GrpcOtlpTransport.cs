using Grpc.Core;
using Grpc.Net.Client;

namespace Tracehound.LoadGen;

/// <summary>OTLP/gRPC <c>TraceService/Export</c> (or <c>LogsService/Export</c>) over a few HTTP/2 connections.</summary>
internal sealed class GrpcOtlpTransport : IExportTransport
{
    private readonly Method<byte[], byte[]> _export;
    private readonly GrpcChannel[] _channels;
    private int _next;

    /// <param name="serviceName">The OTLP service, <c>opentelemetry.proto.collector.{trace,logs}.v1.{Trace,Logs}Service</c>.</param>
    public GrpcOtlpTransport(Uri endpoint, int connections, string serviceName = "opentelemetry.proto.collector.trace.v1.TraceService")
    {
        _export = new Method<byte[], byte[]>(
            MethodType.Unary,
            serviceName,
            "Export",
            Marshallers.Create(static b => b, static b => b),
            Marshallers.Create(static b => b, static b => b));
        _channels = [.. Enumerable.Range(0, connections).Select(_ => GrpcChannel.ForAddress(endpoint, new GrpcChannelOptions { MaxSendMessageSize = null }))];
    }

    public async Task<bool> SendAsync(byte[] payload, int traceCount)
    {
        var channel = _channels[(uint)Interlocked.Increment(ref _next) % _channels.Length];
        try
        {
            await channel.CreateCallInvoker().AsyncUnaryCall(_export, null, new CallOptions(deadline: DateTime.UtcNow.AddMinutes(2)), payload);
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
