using Akka.Actor;

namespace CommunityCluster.Discovery;

/// <summary>
/// Answers round-trip and throughput probes. Runs on every member, the lighthouse included,
/// at <see cref="Path"/>, so any node can measure its link to any other.
/// </summary>
public sealed class PingResponder : ReceiveActor
{
    public const string Name = "discovery-pong";
    public const string Path = "/user/" + Name;

    public PingResponder()
    {
        Receive<Ping>(ping => Sender.Tell(new Pong(ping.Sequence, ping.SentAtTicks)));
        Receive<ThroughputProbe>(probe => Sender.Tell(new ThroughputProbeAck(probe.Sequence, probe.Part)));
    }
}
