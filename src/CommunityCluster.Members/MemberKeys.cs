using Akka.DistributedData;
using CommunityCluster.Hosting;

namespace CommunityCluster.Members;

/// <summary>
/// One durable key per kind of record. A community has tens of members, a few tokens and invitations
/// each and some share links: a few KB per key, far below the gossip limit of DESIGN.md fact 5.
/// Last writer wins per entry; what that allows (an invitation accepted twice at the same moment on
/// two nodes) is in the README's security section.
/// </summary>
public static class MemberKeys
{
    public static readonly LWWDictionaryKey<string, Account> Accounts = new(DurableKeys.Id("members-accounts"));

    public static readonly LWWDictionaryKey<string, Invitation> Invitations = new(DurableKeys.Id("members-invitations"));

    public static readonly LWWDictionaryKey<string, ApiToken> Tokens = new(DurableKeys.Id("members-tokens"));

    public static readonly LWWDictionaryKey<string, ShareLink> Shares = new(DurableKeys.Id("members-shares"));
}
