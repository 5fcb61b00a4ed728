using Tracehound.Model;

namespace Tracehound.Pipeline;

/// <summary>One step of the log pipeline (trace correlation, severity and message extraction). It changes the batch in place.</summary>
public interface ILogProcessor
{
    void Process(LogBatch batch);
}
