using CommunityCluster.Core.Security;
using CommunityCluster.Core.Settings;

namespace CommunityCluster.Hosting;

/// <summary>
/// Who this member is and whom it joins. Nodes and the lighthouse fill it from their settings.
/// </summary>
/// <param name="SystemName">The actor system name; every member of a community shares it.</param>
/// <param name="Host">Address to bind.</param>
/// <param name="PublicHost">Address peers dial; empty means the bind address.</param>
/// <param name="Port">Akka.Remote port.</param>
/// <param name="Roles">Cluster roles, including <c>node</c> or <c>lighthouse</c>.</param>
/// <param name="Seeds">Seed addresses; empty means this member joins itself (a community of one).</param>
/// <param name="DataDirectory">Where durable keys are kept; null for a member that keeps nothing.</param>
/// <param name="Tls">This member's TLS material; null speaks plain TCP (README, "Node-to-node TLS").</param>
public sealed record CommunityClusterOptions(
    string SystemName,
    string Host,
    string PublicHost,
    int Port,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Seeds,
    string? DataDirectory,
    MemberTls? Tls = null)
{
    public string AdvertisedHost => PublicHost.Length > 0 ? PublicHost : Host;

    public string Protocol => SeedAddress.ProtocolFor(Tls is not null);

    public string SelfAddress => $"{Protocol}://{SystemName}@{FormatHost(AdvertisedHost)}:{Port}";

    private static string FormatHost(string host) => host.Contains(':') ? $"[{host}]" : host;
}
