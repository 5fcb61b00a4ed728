namespace Tracehound.Ingest.Jaeger.Thrift;

/// <summary>The envelope of a Thrift RPC message (the Jaeger agent's <c>emitBatch</c> is a oneway call).</summary>
internal readonly record struct ThriftMessageHeader(string Name, byte MessageType, int SequenceId)
{
    public const byte Call = 1;
    public const byte Oneway = 4;
}
