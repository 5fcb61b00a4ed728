using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Tracehound.Ingest.Http;
using Tracehound.Ingest.Text;
using Tracehound.Model;

namespace Tracehound.Ingest.Datadog.Logs;

/// <summary>
/// Walks a Datadog log intake payload (one JSON object, or an array of objects or strings) token by
/// token and builds <see cref="LogRecord"/>s as it goes: the reserved attributes become record
/// fields, every other attribute is kept, nested objects flattened to dotted keys
/// (<c>{"dd":{"trace_id":"1"}}</c> → <c>dd.trace_id</c>, as dd-trace-js injects it) and arrays kept
/// as arrays. Structural problems throw <see cref="DatadogDecodeException"/>; more than
/// <see cref="DatadogLogLimits.MaxEntries"/> entries throws <see cref="RequestBodyTooLargeException"/>.
/// </summary>
internal ref struct DatadogJsonLogReader
{
    private Utf8JsonReader _reader;
    private readonly List<KeyValue> _attributes;
    private readonly KeyValue[] _requestTags;
    private readonly long _receivedUnixNano;
    private readonly Dictionary<(string Service, string Host), Resource> _resources;
    private int _entryIndex;
    private long _entryStart;

    public DatadogJsonLogReader(ReadOnlySequence<byte> payload, KeyValue[] requestTags, long receivedUnixNano)
    {
        _reader = new Utf8JsonReader(payload, new JsonReaderOptions
        {
            // Objects nest inside entries, which sit in the top-level array.
            MaxDepth = DatadogLogLimits.MaxDepth + 2,
            CommentHandling = JsonCommentHandling.Disallow,
        });
        _attributes = [];
        _requestTags = requestTags;
        _receivedUnixNano = receivedUnixNano;
        _resources = [];
        _entryIndex = -1;
    }

    public void ReadPayload(LogBatch batch)
    {
        if (!_reader.Read())
        {
            throw new DatadogDecodeException("the body is empty: send a JSON object or an array of objects");
        }

        switch (_reader.TokenType)
        {
            case JsonTokenType.StartObject:
                _entryIndex = 0;
                batch.Records.Add(ReadEntry());
                break;
            case JsonTokenType.StartArray:
                ReadEntries(batch);
                break;
            default:
                throw new DatadogDecodeException($"the body is a JSON {Describe(_reader.TokenType)}: send a JSON object or an array of objects");
        }

        if (_reader.Read())
        {
            throw new DatadogDecodeException($"unexpected data after the JSON value at byte {_reader.TokenStartIndex}");
        }
    }

    private void ReadEntries(LogBatch batch)
    {
        while (true)
        {
            Advance();
            if (_reader.TokenType == JsonTokenType.EndArray)
            {
                return;
            }

            if (++_entryIndex >= DatadogLogLimits.MaxEntries)
            {
                throw new RequestBodyTooLargeException($"the array has more than {DatadogLogLimits.MaxEntries} entries");
            }

            switch (_reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    batch.Records.Add(ReadEntry());
                    break;
                case JsonTokenType.String:
                    // A bare string is a log with only a message.
                    _entryStart = _reader.TokenStartIndex;
                    _attributes.Clear();
                    batch.Records.Add(Build(AnyValue.FromString(ReadStringValue()), null, 0, null, null, 0));
                    break;
                default:
                    throw new DatadogDecodeException($"entry {_entryIndex}: a JSON {Describe(_reader.TokenType)}, expected an object");
            }
        }
    }

    private LogRecord ReadEntry()
    {
        _entryStart = _reader.TokenStartIndex;
        _attributes.Clear();
        AnyValue body = default;
        string? status = null;
        var severity = 0;
        string? service = null;
        string? host = null;
        long time = 0;
        while (true)
        {
            Advance();
            if (_reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var name = ReadName();
            Advance();
            if (_reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            switch (name)
            {
                case "message":
                    body = _reader.TokenType == JsonTokenType.String ? AnyValue.FromString(ReadStringValue()) : ReadValue(1);
                    continue;
                case "status" when _reader.TokenType == JsonTokenType.String:
                    status = _reader.GetString()!;
                    severity = DatadogLogStatus.FromText(status);
                    continue;
                case "status" when _reader.TokenType == JsonTokenType.Number && _reader.TryGetInt64(out var syslog) && syslog is >= 0 and <= 7:
                    status = DatadogLogStatus.SyslogName(syslog);
                    severity = DatadogLogStatus.FromSyslog(syslog);
                    continue;
                case "service" when _reader.TokenType == JsonTokenType.String:
                    service = _reader.GetString()!;
                    continue;
                case "hostname" when _reader.TokenType == JsonTokenType.String:
                    host = _reader.GetString()!;
                    continue;
                case "ddtags" when _reader.TokenType == JsonTokenType.String:
                    AddTags(_attributes, _reader.GetString()!);
                    continue;
                case "timestamp" or "@timestamp" or "date" or "_timestamp" or "Timestamp" or "eventTime" when time == 0 && TryReadTime(out time):
                    continue;
                default:
                    break;
            }

            if (OverBudget)
            {
                // Past 1 MB the log is truncated: the rest of its attributes are dropped.
                _reader.Skip();
                continue;
            }

            AddValue(name, 1);
        }

        return Build(body, status, severity, service, host, time);
    }

    private LogRecord Build(AnyValue body, string? status, int severity, string? service, string? host, long time)
    {
        if (service is null)
        {
            // Datadog's service remapper also reads dd.service (what log injection writes).
            foreach (var kv in _attributes)
            {
                if (kv.Key == "dd.service" && kv.Value.Type == AnyValueType.String)
                {
                    service = kv.Value.AsString();
                    break;
                }
            }
        }

        var attributes = new KeyValue[_attributes.Count + _requestTags.Length];
        _attributes.CopyTo(attributes);
        _requestTags.CopyTo(attributes, _attributes.Count);
        return new LogRecord
        {
            // Datadog stamps a log without a timestamp with its intake time.
            TimeUnixNano = time != 0 ? time : _receivedUnixNano,
            ObservedTimeUnixNano = _receivedUnixNano,
            SeverityText = status ?? string.Empty,
            SeverityNumber = severity,
            Body = body,
            Attributes = attributes,
            Resource = ResourceFor(service ?? string.Empty, host ?? string.Empty),
        };
    }

    private Resource ResourceFor(string service, string host)
    {
        if (service.Length == 0 && host.Length == 0)
        {
            return Resource.Empty;
        }

        if (!_resources.TryGetValue((service, host), out var resource))
        {
            KeyValue[] attributes = (service.Length, host.Length) switch
            {
                (> 0, > 0) => [KeyValue.String("service.name", service), KeyValue.String("host.name", host)],
                (> 0, _) => [KeyValue.String("service.name", service)],
                _ => [KeyValue.String("host.name", host)],
            };
            resource = new Resource(attributes);
            _resources[(service, host)] = resource;
        }

        return resource;
    }

    /// <summary><c>k:v,k2:v2</c>: each tag an attribute; a tag without a colon has an empty value.</summary>
    public static void AddTags(List<KeyValue> attributes, string tags)
    {
        foreach (var range in tags.AsSpan().Split(','))
        {
            var tag = tags.AsSpan(range).Trim();
            if (tag.IsEmpty)
            {
                continue;
            }

            var colon = tag.IndexOf(':');
            attributes.Add(colon > 0
                ? KeyValue.String(tag[..colon].ToString(), tag[(colon + 1)..].ToString())
                : KeyValue.String(tag.ToString(), string.Empty));
        }
    }

    /// <summary>Adds the current value under <paramref name="key"/>; objects are flattened into dotted keys.</summary>
    private void AddValue(string key, int depth)
    {
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            var value = ReadValue(depth);
            if (value.Type != AnyValueType.Empty)
            {
                _attributes.Add(new KeyValue(key, value));
            }

            return;
        }

        CheckDepth(depth);
        while (true)
        {
            Advance();
            if (_reader.TokenType == JsonTokenType.EndObject)
            {
                return;
            }

            var name = ReadName();
            Advance();
            if (OverBudget)
            {
                _reader.Skip();
                continue;
            }

            AddValue(string.Concat(key, ".", name), depth + 1);
        }
    }

    /// <summary>The current value as it is (objects as key-value lists); null is <see cref="AnyValue.Empty"/>.</summary>
    private AnyValue ReadValue(int depth)
    {
        switch (_reader.TokenType)
        {
            case JsonTokenType.String:
                return AnyValue.FromString(ReadStringValue());
            case JsonTokenType.True:
                return AnyValue.FromBool(true);
            case JsonTokenType.False:
                return AnyValue.FromBool(false);
            case JsonTokenType.Null:
                return AnyValue.Empty;
            case JsonTokenType.Number:
                return ReadNumber();
            case JsonTokenType.StartArray:
                CheckDepth(depth);
                var items = new List<AnyValue>();
                while (true)
                {
                    Advance();
                    if (_reader.TokenType == JsonTokenType.EndArray)
                    {
                        return AnyValue.FromArray([.. items]);
                    }

                    items.Add(ReadValue(depth + 1));
                }

            case JsonTokenType.StartObject:
                CheckDepth(depth);
                var fields = new List<KeyValue>();
                while (true)
                {
                    Advance();
                    if (_reader.TokenType == JsonTokenType.EndObject)
                    {
                        return AnyValue.FromKeyValueList([.. fields]);
                    }

                    var name = ReadName();
                    Advance();
                    fields.Add(new KeyValue(name, ReadValue(depth + 1)));
                }

            default:
                throw new DatadogDecodeException($"entry {_entryIndex}: unexpected JSON {Describe(_reader.TokenType)}");
        }
    }

    private readonly AnyValue ReadNumber()
    {
        if (_reader.TryGetInt64(out var integer))
        {
            return AnyValue.FromInt(integer);
        }

        // 64-bit ids (dd.trace_id) written as numbers may not fit a long, and a double would lose
        // digits: they are kept exactly, as text.
        if (_reader.TryGetUInt64(out var unsigned))
        {
            return AnyValue.FromString(unsigned.ToString(CultureInfo.InvariantCulture));
        }

        return _reader.TryGetDouble(out var real) ? AnyValue.FromDouble(real) : AnyValue.FromString(RawText());
    }

    /// <summary>A timestamp: milliseconds since the epoch (number or digits), or ISO 8601 text.</summary>
    private readonly bool TryReadTime(out long unixNano)
    {
        unixNano = 0;
        if (_reader.TokenType == JsonTokenType.Number)
        {
            if (_reader.TryGetInt64(out var ms))
            {
                return TryFromMilliseconds(ms, out unixNano);
            }

            if (_reader.TryGetDouble(out var fractional) && fractional is > 0 and < 9.2e12)
            {
                var whole = Math.Floor(fractional);
                unixNano = ((long)whole * 1_000_000) + (long)Math.Round((fractional - whole) * 1_000_000);
                return true;
            }

            return false;
        }

        if (_reader.TokenType != JsonTokenType.String || (_reader.HasValueSequence ? _reader.ValueSequence.Length : _reader.ValueSpan.Length) > 64)
        {
            return false;
        }

        var text = _reader.GetString()!;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var digits))
        {
            return TryFromMilliseconds(digits, out unixNano);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            && parsed.UtcTicks >= DateTimeOffset.UnixEpoch.UtcTicks)
        {
            unixNano = (parsed.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
            return true;
        }

        return false;
    }

    private static bool TryFromMilliseconds(long ms, out long unixNano)
    {
        // Up to the year 2262, where nanoseconds overflow a long.
        var ok = ms is > 0 and < 9_200_000_000_000;
        unixNano = ok ? ms * 1_000_000 : 0;
        return ok;
    }

    /// <summary>Past <see cref="DatadogLogLimits.MaxLogBytes"/> of the entry's JSON.</summary>
    private readonly bool OverBudget => _reader.BytesConsumed - _entryStart > DatadogLogLimits.MaxLogBytes;

    /// <summary>The current string; cut when it takes the entry past <see cref="DatadogLogLimits.MaxLogBytes"/>.</summary>
    private readonly string ReadStringValue()
    {
        var value = _reader.GetString()!;
        var overflow = _reader.BytesConsumed - _entryStart - DatadogLogLimits.MaxLogBytes;
        if (overflow > 0)
        {
            value = value[..(int)Math.Max(0, value.Length - overflow)];
        }

        return value;
    }

    /// <summary>A property name: the short ASCII ones that repeat in every entry come from <see cref="Utf8StringCache"/>.</summary>
    private readonly string ReadName()
    {
        if (!_reader.HasValueSequence && !_reader.ValueIsEscaped && _reader.ValueSpan.Length <= Utf8StringCache.MaxCachedLength)
        {
            var utf8 = _reader.ValueSpan;
            return System.Text.Unicode.Utf8.IsValid(utf8)
                ? Utf8StringCache.Names.GetOrAdd(utf8)
                : throw new DatadogDecodeException($"entry {_entryIndex}: a property name is not valid UTF-8");
        }

        return _reader.GetString()!;
    }

    private readonly string RawText() => _reader.HasValueSequence
        ? System.Text.Encoding.UTF8.GetString(_reader.ValueSequence.ToArray())
        : System.Text.Encoding.UTF8.GetString(_reader.ValueSpan);

    private readonly void CheckDepth(int depth)
    {
        if (depth > DatadogLogLimits.MaxDepth)
        {
            throw new DatadogDecodeException($"entry {_entryIndex}: nested deeper than {DatadogLogLimits.MaxDepth} levels");
        }
    }

    private void Advance()
    {
        if (!_reader.Read())
        {
            throw new DatadogDecodeException("the JSON ends early (truncated body)");
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.StartObject => "object",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
