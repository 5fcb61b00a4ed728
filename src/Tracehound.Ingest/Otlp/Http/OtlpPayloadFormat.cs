using Microsoft.Net.Http.Headers;

namespace Tracehound.Ingest.Otlp.Http;

/// <summary>The two OTLP/HTTP encodings; the response is written in the request's one.</summary>
internal enum OtlpPayloadFormat
{
    Protobuf,
    Json,
}

internal static class OtlpPayloadFormats
{
    public const string ProtobufMediaType = "application/x-protobuf";
    public const string JsonMediaType = "application/json";

    public static bool TryFromContentType(string? contentType, out OtlpPayloadFormat format)
    {
        format = default;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return false;
        }

        var mediaType = parsed.MediaType.Value;
        if (string.Equals(mediaType, ProtobufMediaType, StringComparison.OrdinalIgnoreCase)
            || string.Equals(mediaType, "application/protobuf", StringComparison.OrdinalIgnoreCase))
        {
            format = OtlpPayloadFormat.Protobuf;
            return true;
        }

        if (string.Equals(mediaType, JsonMediaType, StringComparison.OrdinalIgnoreCase))
        {
            format = OtlpPayloadFormat.Json;
            return true;
        }

        return false;
    }
}
