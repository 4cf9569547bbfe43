using System.Net;

namespace CommunityCluster.Core.Settings;

/// <summary>
/// Where a member's ccm endpoint listens and the token it asks for. The endpoint steers the
/// cluster (leave, down), so it binds loopback unless told otherwise, and bound any wider it
/// needs a token: <see cref="SettingParsers.CommandToken"/> refuses the one without the other.
/// </summary>
/// <param name="Host">Address the endpoint binds; loopback by default.</param>
/// <param name="Port">TCP port of the endpoint.</param>
/// <param name="Token">What every command must carry; empty means none is asked for.</param>
public sealed record CommandEndpointSettings(string Host, int Port, string Token)
{
    public const int MinimumTokenLength = 16;

    public const string HostHelp = "address the ccm endpoint binds; anything but loopback needs a token";

    public const string TokenHelp =
        "token every ccm command must carry (at least 16 characters); required off loopback";

    public bool RequiresToken => Token.Length > 0;

    /// <summary>True for an address that only this machine can reach: 127.0.0.0/8, ::1 or localhost.</summary>
    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    /// <summary>Hides the token in logs and <c>ToString</c>: it is a secret.</summary>
    public override string ToString() => $"{Host}:{Port} (token {(RequiresToken ? "set" : "none")})";
}
