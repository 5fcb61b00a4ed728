using System.Collections.Frozen;

namespace Tracehound.Processing.Stats;

/// <summary>The agent's default peer tag keys (spec §6, <c>peer_tags_aggregation</c> on), sorted.</summary>
internal static class PeerTagKeys
{
    public const string BaseService = "_dd.base_service";

    public static readonly FrozenSet<string> Default = FrozenSet.Create(StringComparer.Ordinal,
    [
        BaseService, "amqp.destination", "amqp.exchange", "amqp.queue", "aws.queue.name", "bucketname",
        "cassandra.cluster", "db.cassandra.contact.points", "db.couchbase.seed.nodes", "db.hostname", "db.instance",
        "db.name", "db.system", "hazelcast.instance", "messaging.kafka.bootstrap.servers", "mongodb.db",
        "msmq.queue.path", "net.peer.name", "network.destination.name", "peer.hostname", "peer.service", "queuename",
        "rpc.service", "rulename", "server.address", "statemachinename", "streamname", "tablename", "topicname",
    ]);
}
