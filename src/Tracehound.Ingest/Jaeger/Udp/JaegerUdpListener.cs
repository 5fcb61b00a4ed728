using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Tracehound.Ingest.Jaeger.Thrift;
using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Ingest.Jaeger.Udp;

/// <summary>
/// A Jaeger agent UDP port: each datagram is one <c>emitBatch</c> message. A background loop
/// receives, decodes on the loop and submits to the pipeline with a bounded number in flight (UDP
/// has no answer, so the loop does not wait for durability). A datagram that does not decode is
/// counted and logged at most every <see cref="LogInterval"/>; nothing a sender does stops the loop.
/// </summary>
public sealed partial class JaegerUdpListener : IAsyncDisposable
{
    /// <summary>The largest UDP payload; the agent's own buffer is 65000 bytes.</summary>
    private const int MaxDatagramBytes = 65_536;
    private const int MaxInFlightBatches = 64;
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);

    private readonly JaegerAgentProtocol _protocol;
    private readonly JaegerIntakeService _service;
    private readonly ILogger _logger;
    private readonly Socket _socket;
    private readonly SemaphoreSlim _inFlight = new(MaxInFlightBatches, MaxInFlightBatches);
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private long _receivedDatagrams;
    private long _rejectedDatagrams;
    private long _droppedSpans;
    private long _rejectedSinceLog;
    private DateTime _lastRejectionLog = DateTime.MinValue;

    public JaegerUdpListener(IPEndPoint endPoint, JaegerAgentProtocol protocol, JaegerIntakeService service, ILogger logger)
    {
        _protocol = protocol;
        _service = service;
        _logger = logger;
        _socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            // A burst should wait in the kernel rather than be dropped while the loop decodes.
            _socket.ReceiveBufferSize = 4 * 1024 * 1024;
        }
        catch (SocketException)
        {
            // The OS may cap it; its default still works.
        }

        try
        {
            _socket.Bind(endPoint);
        }
        catch
        {
            _socket.Dispose();
            _stopping.Dispose();
            _inFlight.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    /// <summary>The bound address (port 0 resolved).</summary>
    public IPEndPoint LocalEndPoint { get; }

    public long ReceivedDatagrams => Interlocked.Read(ref _receivedDatagrams);

    /// <summary>Datagrams that did not decode.</summary>
    public long RejectedDatagrams => Interlocked.Read(ref _rejectedDatagrams);

    /// <summary>Spans decoded but refused by a full or closing store (UDP cannot ask the sender to retry).</summary>
    public long DroppedSpans => Interlocked.Read(ref _droppedSpans);

    public void Start() => _loop = Task.Run(ReceiveLoopAsync);

    /// <summary>Stops receiving and waits for the batches already handed to the pipeline.</summary>
    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket.Close();
        await _loop.ConfigureAwait(false);
        for (var i = 0; i < MaxInFlightBatches; i++)
        {
            await _inFlight.WaitAsync().ConfigureAwait(false);
        }

        if (RejectedDatagrams > 0 || DroppedSpans > 0)
        {
            Log.Totals(_logger, LocalEndPoint.ToString(), ReceivedDatagrams, RejectedDatagrams, DroppedSpans);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _socket.Dispose();
        _stopping.Dispose();
        _inFlight.Dispose();
    }

    /// <summary>Decodes one datagram (exposed for tests and benchmarks).</summary>
    internal static SpanBatch Decode(JaegerAgentProtocol protocol, byte[] buffer, int offset, int count)
    {
        ThriftReader reader = protocol == JaegerAgentProtocol.Compact
            ? new ThriftCompactReader(buffer, offset, count)
            : new ThriftBinaryReader(buffer, offset, count);
        return JaegerThriftDecoder.DecodeEmitBatch(reader);
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = GC.AllocateUninitializedArray<byte>(MaxDatagramBytes);
        EndPoint any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            int length;
            try
            {
                var received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, token).ConfigureAwait(false);
                length = received.ReceivedBytes;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (!token.IsCancellationRequested)
            {
                // E.g. ICMP port unreachable surfacing as ConnectionReset, or a truncated datagram: keep listening.
                Reject($"receive failed: {ex.SocketErrorCode}");
                continue;
            }
            catch (SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _receivedDatagrams);
            SpanBatch batch;
            try
            {
                batch = Decode(_protocol, buffer, 0, length);
            }
            catch (ThriftDecodeException ex)
            {
                Reject(ex.Message);
                continue;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or OverflowException)
            {
                Reject($"{ex.GetType().Name}: {ex.Message}");
                continue;
            }

            if (batch.Count == 0)
            {
                continue;
            }

            await _inFlight.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            _ = SubmitAsync(batch);
        }
    }

    private async Task SubmitAsync(SpanBatch batch)
    {
        try
        {
            var result = await _service.SubmitAsync(batch, CancellationToken.None).ConfigureAwait(false);
            if (result != ExportResult.Success)
            {
                Interlocked.Add(ref _droppedSpans, batch.Count);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Interlocked.Add(ref _droppedSpans, batch.Count);
            Log.SubmitFailed(_logger, ex);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private void Reject(string reason)
    {
        Interlocked.Increment(ref _rejectedDatagrams);
        var pending = Interlocked.Increment(ref _rejectedSinceLog);
        var now = DateTime.UtcNow;
        if (now - _lastRejectionLog < LogInterval)
        {
            return;
        }

        _lastRejectionLog = now;
        Interlocked.Add(ref _rejectedSinceLog, -pending);
        Log.RejectedDatagrams(_logger, pending, LocalEndPoint.ToString(), reason, RejectedDatagrams);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 410, Level = LogLevel.Warning, Message = "Rejected {Count} undecodable Jaeger UDP datagram(s) on {EndPoint}; latest: {Reason} ({Total} in all)")]
        public static partial void RejectedDatagrams(ILogger logger, long count, string endPoint, string reason, long total);

        [LoggerMessage(EventId = 412, Level = LogLevel.Information, Message = "Jaeger UDP listener {EndPoint} stopped: {Received} datagrams received, {Rejected} undecodable, {Dropped} spans not stored")]
        public static partial void Totals(ILogger logger, string endPoint, long received, long rejected, long dropped);

        [LoggerMessage(EventId = 411, Level = LogLevel.Warning, Message = "A Jaeger UDP batch could not be stored")]
        public static partial void SubmitFailed(ILogger logger, Exception exception);
    }
}
