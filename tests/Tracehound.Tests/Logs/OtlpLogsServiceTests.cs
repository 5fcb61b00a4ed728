using System.Buffers;
using System.Text;
using Tracehound.Ingest.Otlp;
using Tracehound.Ingest.Otlp.Json;
using Tracehound.Ingest.Otlp.Protobuf;
using Tracehound.Model;
using Tracehound.Pipeline;
using Xunit;

namespace Tracehound.Tests.Logs;

public sealed class OtlpLogsServiceTests
{
    [Fact]
    public async Task ExportAsync_SomeRecordsRejected_ReportsThemAndStoresTheRest()
    {
        var exporter = new RecordingExporter(ExportResult.Success);
        var service = new OtlpLogsService(new LogPipeline([], [exporter]));
        var batch = new LogBatch([new LogRecord { Body = AnyValue.FromString("kept") }]);
        batch.Reject(2, "bad record");

        var outcome = await service.ExportAsync(batch, CancellationToken.None);

        Assert.Equal(ExportResult.Success, outcome.Result);
        Assert.Equal(2, outcome.Rejected);
        Assert.Equal("bad record", outcome.RejectionMessage);
        Assert.False(outcome.NothingAccepted);
        Assert.Single(exporter.Batches);
    }

    [Fact]
    public async Task ExportAsync_EveryRecordRejected_IsNothingAcceptedAndNotExported()
    {
        var exporter = new RecordingExporter(ExportResult.Success);
        var service = new OtlpLogsService(new LogPipeline([], [exporter]));
        var batch = new LogBatch();
        batch.Reject(3, "all bad");

        var outcome = await service.ExportAsync(batch, CancellationToken.None);

        Assert.True(outcome.NothingAccepted);
        Assert.Empty(exporter.Batches);
    }

    [Theory]
    [InlineData(ExportResult.Overloaded)]
    [InlineData(ExportResult.Unavailable)]
    public async Task ExportAsync_StoreRefuses_PassesTheResultOn(ExportResult refusal)
    {
        var service = new OtlpLogsService(new LogPipeline([], [new RecordingExporter(refusal)]));

        var outcome = await service.ExportAsync(new LogBatch([new LogRecord()]), CancellationToken.None);

        Assert.Equal(refusal, outcome.Result);
    }

    [Fact]
    public void ResponseWriters_LogsPartialSuccess_UseRejectedLogRecords()
    {
        var json = new ArrayBufferWriter<byte>();
        OtlpJsonResponseWriter.WriteExportResponse(json, "rejectedLogRecords", 2, "bad record");
        var proto = new ArrayBufferWriter<byte>();
        OtlpProtobufResponseWriter.WriteExportResponse(proto, 2, "x");

        Assert.Equal("{\"partialSuccess\":{\"rejectedLogRecords\":\"2\",\"errorMessage\":\"bad record\"}}", Encoding.UTF8.GetString(json.WrittenSpan));

        // ExportLogsServiceResponse: partial_success (1) { rejected_log_records (1) = 2, error_message (2) = "x" }.
        Assert.Equal(new byte[] { 0x0A, 0x05, 0x08, 0x02, 0x12, 0x01, (byte)'x' }, proto.WrittenSpan.ToArray());
    }

    private sealed class RecordingExporter(ExportResult result) : ILogExporter
    {
        public List<LogBatch> Batches { get; } = [];

        public string Name => "recording";

        public ValueTask<ExportResult> ExportAsync(LogBatch batch, CancellationToken cancellationToken)
        {
            Batches.Add(batch);
            return ValueTask.FromResult(result);
        }
    }
}
