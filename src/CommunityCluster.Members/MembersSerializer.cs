using Akka.Actor;
using CommunityCluster.Hosting;

namespace CommunityCluster.Members;

/// <summary>Versioned JSON for the members' records; see <see cref="VersionedJsonSerializer"/>.</summary>
public sealed class MembersSerializer(ExtendedActorSystem system) : VersionedJsonSerializer(system, Contract)
{
    public static readonly IReadOnlyDictionary<string, Type> Contract = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["account.v1"] = typeof(Account),
        ["invitation.v1"] = typeof(Invitation),
        ["api-token.v1"] = typeof(ApiToken),
        ["share-link.v1"] = typeof(ShareLink),
    };

    public override int Identifier => 7110;
}
