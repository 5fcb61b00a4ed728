using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Tracehound.EndToEnd.Tests.Infrastructure;

namespace Tracehound.EndToEnd.Tests.Logs;

/// <summary>
/// <c>POST /api/v2/logs</c> on the real server's Datadog port: Datadog's answers for good bodies
/// (202 <c>{}</c>) and bad ones (400/413/415 with a JSON reason). The shared server's
/// <c>--max-body-size</c> is 256 KiB, below Datadog's 5 MB, so it is the cap here.
/// </summary>
public sealed class DdLogsIntakeTests : IClassFixture<SharedServer>
{
    private readonly TracehoundProcess _server;

    public DdLogsIntakeTests(SharedServer shared)
    {
        _server = shared.Server;
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(byte[] body, string? contentType = "application/json", string? encoding = null, string query = "")
    {
        using var http = new HttpClient { BaseAddress = _server.Datadog };
        using var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (encoding is not null)
        {
            content.Headers.ContentEncoding.Add(encoding);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/logs" + query) { Content = content };
        request.Headers.Add("DD-API-KEY", "any-key-is-accepted");
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static string Detail(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("errors")[0].GetProperty("detail").GetString()!;

    [Fact]
    public async Task LogIntake_ValidArray_Accepted()
    {
        var (status, body) = await PostAsync(Encoding.UTF8.GetBytes("""
            [{"message":"a","status":"info","service":"e2e","ddsource":"csharp","ddtags":"env:test","hostname":"h","timestamp":1700000000000,"dd":{"trace_id":"1"}},
             {"message":"b","timestamp":"2023-11-14T22:13:20Z"}]
            """), query: "?ddtags=team:core");
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("{}", body);
    }

    [Fact]
    public async Task LogIntake_SingleObjectGzip_Accepted()
    {
        var (status, body) = await PostAsync(Gzip(Encoding.UTF8.GetBytes("""{"message":"zipped"}""")), encoding: "gzip");
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("{}", body);
    }

    [Fact]
    public async Task LogIntake_MalformedJson_BadRequestWithReason()
    {
        var (status, body) = await PostAsync(Encoding.UTF8.GetBytes("""[{"message":}]"""));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("malformed JSON", Detail(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogIntake_NotAnObject_BadRequestWithReason()
    {
        var (status, body) = await PostAsync(Encoding.UTF8.GetBytes("[1,2]"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("expected an object", Detail(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogIntake_TruncatedGzip_BadRequest()
    {
        var gzip = Gzip(Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Repeat("""{"message":"hello"}""", 200)) + "]"));
        var (status, body) = await PostAsync(gzip[..(gzip.Length / 2)], encoding: "gzip");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("gzip", Detail(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogIntake_OverBodyLimit_PayloadTooLarge()
    {
        var big = Encoding.UTF8.GetBytes("{\"message\":\"" + new string('x', SharedServer.MaxBodyBytes + 1024) + "\"}");
        var (status, _) = await PostAsync(big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task LogIntake_GzipInflatingOverLimit_PayloadTooLarge()
    {
        var bomb = Gzip(Encoding.UTF8.GetBytes("{\"message\":\"" + new string('x', SharedServer.MaxBodyBytes * 2) + "\"}"));
        var (status, _) = await PostAsync(bomb, encoding: "gzip");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task LogIntake_MoreThanThousandEntries_PayloadTooLarge()
    {
        var (status, body) = await PostAsync(Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Repeat("{}", 1001)) + "]"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("1000 entries", Detail(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogIntake_WrongContentType_UnsupportedMediaType()
    {
        var (status, body) = await PostAsync(Encoding.UTF8.GetBytes("{}"), "application/x-protobuf");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("Content-Type", Detail(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogIntake_UnknownContentEncoding_UnsupportedMediaType()
    {
        var (status, _) = await PostAsync(Encoding.UTF8.GetBytes("{}"), encoding: "zstd");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
    }

    [Fact]
    public async Task LogsIngestCommand_MixedLines_SendsAllAndReportsNonJsonLines()
    {
        using var data = new TempDirectory();
        var file = Path.Combine(data.Path, "app.log");
        await File.WriteAllLinesAsync(file, ["""{"message":"one","status":"info"}""", "plain text", "", """{"msg":"two","level":"warn"}"""]);

        var (exitCode, errors) = await RunIngestAsync(file, "--server", _server.Datadog.ToString());

        Assert.Equal(0, exitCode);
        Assert.Contains("3 lines read, 3 sent, 0 refused", errors, StringComparison.Ordinal);
        Assert.Contains("1 not JSON, sent as plain messages (line 2)", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogsIngestCommand_ServerUnreachable_NonZeroExit()
    {
        using var data = new TempDirectory();
        var file = Path.Combine(data.Path, "app.log");
        await File.WriteAllLinesAsync(file, ["""{"message":"one"}"""]);

        // Port 1 on loopback: nothing listens there.
        var (exitCode, errors) = await RunIngestAsync(file, "--server", "http://127.0.0.1:1");

        Assert.Equal(1, exitCode);
        Assert.Contains("1 refused", errors, StringComparison.Ordinal);
    }

    internal static async Task<(int ExitCode, string Errors)> RunIngestAsync(string input, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(TracehoundBinary.Path);
        info.ArgumentList.Add("logs");
        info.ArgumentList.Add("ingest");
        info.ArgumentList.Add(input);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await errors);
    }
}
