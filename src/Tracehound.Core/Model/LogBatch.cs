namespace Tracehound.Model;

/// <summary>
/// The log records of one request, and how many of them a decoder had to reject (reported back
/// to the client as OTLP partial success, <c>rejected_log_records</c>).
/// </summary>
public sealed class LogBatch
{
    public LogBatch()
    {
        Records = [];
    }

    public LogBatch(List<LogRecord> records)
    {
        Records = records;
    }

    public List<LogRecord> Records { get; }

    public int Count => Records.Count;

    public long RejectedLogRecords { get; private set; }

    /// <summary>Why the first rejected record was rejected; empty when none was.</summary>
    public string RejectionMessage { get; private set; } = string.Empty;

    public void Reject(long count, string reason)
    {
        RejectedLogRecords += count;
        if (RejectionMessage.Length == 0)
        {
            RejectionMessage = reason;
        }
    }
}
