using Akka.Actor;
using CommunityCluster.Core.Discovery;

namespace CommunityCluster.Discovery;

/// <summary>Reports a finished transfer to a peer, so real traffic feeds the throughput estimate.</summary>
public sealed record RecordTransfer(Address Peer, long Bytes, TimeSpan Elapsed);

/// <summary>Asks the prober for what this node has measured; answered with <see cref="LinkEstimates"/>.</summary>
public sealed record GetLinkEstimates
{
    public static readonly GetLinkEstimates Instance = new();
}

/// <summary>This node's own row of the link matrix, keyed by the peer's address.</summary>
public sealed record LinkEstimates(string From, IReadOnlyDictionary<string, LinkEstimate> Links);

internal sealed record PingTick
{
    public static readonly PingTick Instance = new();
}

internal sealed record PublishTick
{
    public static readonly PublishTick Instance = new();
}

internal sealed record ProbeTick(Address Peer);
