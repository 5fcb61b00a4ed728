namespace Tracehound.LoadGen;

/// <summary>One way of sending an encoded batch to the server under test.</summary>
internal interface IExportTransport : IDisposable
{
    /// <summary>True when the server acknowledged the batch (durable); false when it refused it for now (retry).</summary>
    Task<bool> SendAsync(byte[] payload, int traceCount);
}
