using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Tracehound.Configuration;

/// <summary>
/// The resolved settings of <c>tracehound serve</c>. Each value comes from, in order of precedence,
/// the command line, the environment (<c>TRACEHOUND_*</c>), the settings file, then the default.
/// </summary>
internal sealed class TracehoundSettings
{
    public required ListenAddress? OtlpGrpc { get; init; }

    public required ListenAddress? OtlpHttp { get; init; }

    /// <summary>The Datadog agent API listener (<c>--datadog</c>); null when switched off.</summary>
    public ListenAddress? Datadog { get; init; }

    /// <summary>The Zipkin collector listener (<c>--zipkin</c>); null when switched off.</summary>
    public ListenAddress? Zipkin { get; init; }

    /// <summary>The Jaeger collector HTTP listener (<c>--jaeger-http</c>); null when switched off.</summary>
    public ListenAddress? JaegerHttp { get; init; }

    /// <summary>The Jaeger agent UDP port speaking Thrift compact (<c>--jaeger-udp-compact</c>); null when switched off.</summary>
    public ListenAddress? JaegerUdpCompact { get; init; }

    /// <summary>The Jaeger agent UDP port speaking Thrift binary (<c>--jaeger-udp-binary</c>); null when switched off.</summary>
    public ListenAddress? JaegerUdpBinary { get; init; }

    public required ListenAddress? Api { get; init; }

    public required string DataDirectory { get; init; }

    public required long MaxBodyBytes { get; init; }

    public required long StoreMemoryLimitBytes { get; init; }

    public required int MaxQueuedSpans { get; init; }

    public required LogLevel LogLevel { get; init; }

    /// <summary>Null when obfuscation is off.</summary>
    public required Tracehound.Processing.Obfuscation.ObfuscationSettings? Obfuscation { get; init; }

    public required bool OperationNameV1 { get; init; }

    /// <summary>Trace-level sampling (the defaults keep everything).</summary>
    public Tracehound.Processing.Sampling.SamplingOptions Sampling { get; init; } = new();

    /// <summary>Null when tail sampling is off (no policies).</summary>
    public Tracehound.Processing.Sampling.Tail.TailSamplingOptions? TailSampling { get; init; }

    public static bool TryResolve(
        IReadOnlyDictionary<string, string> commandLine,
        Func<string, string?> environment,
        out TracehoundSettings? settings,
        out string error)
    {
        settings = null;
        var fileValues = new Dictionary<string, string>(StringComparer.Ordinal);
        var configPath = commandLine.GetValueOrDefault(OptionCatalog.Config)
            ?? environment(OptionCatalog.Find(OptionCatalog.Config)!.EnvironmentVariable);
        if (configPath is null && File.Exists("appsettings.json"))
        {
            configPath = "appsettings.json";
        }

        if (configPath is not null && !TryReadSettingsFile(configPath, fileValues, out error))
        {
            return false;
        }

        string Value(string name)
        {
            var definition = OptionCatalog.Find(name)!;
            return commandLine.GetValueOrDefault(name)
                ?? environment(definition.EnvironmentVariable)
                ?? fileValues.GetValueOrDefault(name)
                ?? definition.Default
                ?? string.Empty;
        }

        if (!bool.TryParse(Value(OptionCatalog.BindAll), out var bindAll))
        {
            error = $"--{OptionCatalog.BindAll} must be true or false";
            return false;
        }

        var defaultHost = bindAll ? IPAddress.Any : IPAddress.Loopback;
        if (!TryListener(OptionCatalog.OtlpGrpc, out var otlpGrpc, out error)
            || !TryListener(OptionCatalog.OtlpHttp, out var otlpHttp, out error)
            || !TryListener(OptionCatalog.Datadog, out var datadog, out error)
            || !TryListener(OptionCatalog.Zipkin, out var zipkin, out error)
            || !TryListener(OptionCatalog.JaegerHttp, out var jaegerHttp, out error)
            || !TryListener(OptionCatalog.JaegerUdpCompact, out var jaegerUdpCompact, out error)
            || !TryListener(OptionCatalog.JaegerUdpBinary, out var jaegerUdpBinary, out error)
            || !TryListener(OptionCatalog.Api, out var api, out error))
        {
            return false;
        }

        if (!ByteSize.TryParse(Value(OptionCatalog.MaxBodySize), out var maxBody) || maxBody > int.MaxValue)
        {
            error = $"--{OptionCatalog.MaxBodySize} '{Value(OptionCatalog.MaxBodySize)}' is not a size up to 2GiB (e.g. 32MiB)";
            return false;
        }

        if (!ByteSize.TryParse(Value(OptionCatalog.StoreMemoryLimit), out var storeMemory))
        {
            error = $"--{OptionCatalog.StoreMemoryLimit} '{Value(OptionCatalog.StoreMemoryLimit)}' is not a size (e.g. 128MiB)";
            return false;
        }

        if (!int.TryParse(Value(OptionCatalog.MaxQueuedSpans), NumberStyles.None, CultureInfo.InvariantCulture, out var maxQueued) || maxQueued < 1)
        {
            error = $"--{OptionCatalog.MaxQueuedSpans} must be a positive whole number";
            return false;
        }

        if (!Enum.TryParse<LogLevel>(Value(OptionCatalog.LogLevel), ignoreCase: true, out var logLevel) || logLevel == LogLevel.None)
        {
            error = $"--{OptionCatalog.LogLevel} must be one of trace, debug, information, warning, error";
            return false;
        }

        var obfuscationMode = Value(OptionCatalog.Obfuscation);
        var creditCards = Value(OptionCatalog.ObfuscationCreditCards);
        if (obfuscationMode is not ("on" or "off") || creditCards is not ("on" or "off" or "luhn"))
        {
            error = $"--{OptionCatalog.Obfuscation} is on or off; --{OptionCatalog.ObfuscationCreditCards} is on, off or luhn";
            return false;
        }

        if (!TryFlag(OptionCatalog.ObfuscationHttpRemoveQueryString, out var removeQueryString, out error)
            || !TryFlag(OptionCatalog.ObfuscationHttpRemovePathDigits, out var removePathDigits, out error)
            || !TryFlag(OptionCatalog.ObfuscationSqlReplaceDigits, out var sqlReplaceDigits, out error)
            || !TryFlag(OptionCatalog.OperationNameV1, out var operationNameV1, out error))
        {
            return false;
        }

        if (!SamplingSettings.TryResolve(Value, out var sampling, out var tailSampling, out error))
        {
            return false;
        }

        var dataDirectory = Value(OptionCatalog.DataDir);
        if (dataDirectory.Length == 0)
        {
            error = $"--{OptionCatalog.DataDir} must not be empty";
            return false;
        }

        settings = new TracehoundSettings
        {
            OtlpGrpc = otlpGrpc,
            OtlpHttp = otlpHttp,
            Datadog = datadog,
            Zipkin = zipkin,
            JaegerHttp = jaegerHttp,
            JaegerUdpCompact = jaegerUdpCompact,
            JaegerUdpBinary = jaegerUdpBinary,
            Api = api,
            DataDirectory = Path.GetFullPath(dataDirectory),
            MaxBodyBytes = maxBody,
            StoreMemoryLimitBytes = storeMemory,
            MaxQueuedSpans = maxQueued,
            LogLevel = logLevel,
            Obfuscation = obfuscationMode == "off" ? null : new Tracehound.Processing.Obfuscation.ObfuscationSettings
            {
                HttpRemoveQueryString = removeQueryString,
                HttpRemovePathDigits = removePathDigits,
                CreditCards = creditCards != "off",
                CreditCardsLuhn = creditCards == "luhn",
                SqlReplaceDigits = sqlReplaceDigits,
            },
            OperationNameV1 = operationNameV1,
            Sampling = sampling,
            TailSampling = tailSampling,
        };
        error = string.Empty;
        return true;

        bool TryFlag(string name, out bool value, out string flagError)
        {
            flagError = bool.TryParse(Value(name), out value) ? string.Empty : $"--{name} must be true or false";
            return flagError.Length == 0;
        }

        bool TryListener(string name, out ListenAddress? address, out string listenerError)
        {
            if (!ListenAddress.TryParse(Value(name), defaultHost, out address, out var reason))
            {
                listenerError = $"--{name}: {reason}";
                return false;
            }

            listenerError = string.Empty;
            return true;
        }
    }

    private static bool TryReadSettingsFile(string path, Dictionary<string, string> values, out string error)
    {
        error = string.Empty;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!document.RootElement.TryGetProperty("Tracehound", out var section))
            {
                return true;
            }

            foreach (var property in section.EnumerateObject())
            {
                if (OptionCatalog.Find(property.Name) is null || property.Name == OptionCatalog.Config)
                {
                    error = $"{path}: unknown setting '{property.Name}' in section Tracehound";
                    return false;
                }

                values[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => property.Value.GetRawText(),
                };
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            error = $"cannot read settings file {path}: {ex.Message}";
            return false;
        }
    }
}
