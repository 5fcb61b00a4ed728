using System.Text.Json;
using Tracehound.Model;

namespace Tracehound.Ingest.Zipkin;

/// <summary>Reads one span object of a Zipkin JSON span list (the reader is on its StartObject) into the batch.</summary>
internal delegate void ZipkinSpanListItemReader(ref Utf8JsonReader reader, SpanBatch batch, ZipkinSpanMapper mapper);
