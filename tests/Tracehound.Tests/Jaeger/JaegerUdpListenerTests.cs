using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Tracehound.Ingest.Jaeger;
using Tracehound.Ingest.Jaeger.Udp;
using Tracehound.Model;
using Tracehound.Pipeline;
using Tracehound.Tests.Zipkin;

namespace Tracehound.Tests.Jaeger;

/// <summary>The UDP loop itself: garbage is counted and skipped, the next good datagram still arrives.</summary>
public sealed class JaegerUdpListenerTests
{
    [Theory]
    [InlineData(JaegerAgentProtocol.Binary)]
    [InlineData(JaegerAgentProtocol.Compact)]
    public async Task Listener_GarbageThenRealBatch_CountsGarbageAndDeliversBatch(JaegerAgentProtocol protocol)
    {
        var exporter = new CapturingExporter();
        var service = new JaegerIntakeService(new TracePipeline([], [exporter]), 1 << 20);
        await using var listener = new JaegerUdpListener(new IPEndPoint(IPAddress.Loopback, 0), protocol, service, NullLogger.Instance);
        listener.Start();

        using var client = new UdpClient(AddressFamily.InterNetwork);
        var random = new Random(1);
        for (var i = 0; i < 50; i++)
        {
            var garbage = new byte[random.Next(1, 1000)];
            random.NextBytes(garbage);
            garbage[0] = 0x55; // neither protocol's first byte: always undecodable
            await client.SendAsync(garbage, listener.LocalEndPoint);
        }

        var batch = TracerFixture.Load("jaeger-client-thrift-http").Payload;
        var datagram = protocol == JaegerAgentProtocol.Binary ? JaegerDatagrams.Binary(batch) : JaegerDatagrams.Compact(batch);
        await client.SendAsync(datagram, listener.LocalEndPoint);

        var spans = await exporter.Received.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(8, spans);
        Assert.Equal(50, listener.RejectedDatagrams);
        Assert.Equal(51, listener.ReceivedDatagrams);
    }

    [Fact]
    public async Task Listener_Stop_EndsTheLoopAndFreesThePort()
    {
        var service = new JaegerIntakeService(new TracePipeline([], [new CapturingExporter()]), 1 << 20);
        var listener = new JaegerUdpListener(new IPEndPoint(IPAddress.Loopback, 0), JaegerAgentProtocol.Binary, service, NullLogger.Instance);
        listener.Start();
        var endPoint = listener.LocalEndPoint;
        await listener.DisposeAsync();

        await using var again = new JaegerUdpListener(endPoint, JaegerAgentProtocol.Binary, service, NullLogger.Instance);
        Assert.Equal(endPoint.Port, again.LocalEndPoint.Port);
    }

    private sealed class CapturingExporter : ISpanExporter
    {
        public TaskCompletionSource<int> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "capture";

        public ValueTask<ExportResult> ExportAsync(SpanBatch batch, CancellationToken cancellationToken)
        {
            Received.TrySetResult(batch.Count);
            return ValueTask.FromResult(ExportResult.Success);
        }
    }
}
