using System.Security.Cryptography;
using System.Text;
using CommunityCluster.Commands.Protocol;
using CommunityCluster.Core.Settings;
using Microsoft.AspNetCore.Http;

namespace CommunityCluster.Commands;

/// <summary>
/// Who may steer the cluster through this endpoint. Every request must speak the protocol
/// (<see cref="CommandProtocol.VersionHeader"/>, which a web page cannot add to a simple request).
/// With a token set, every request must carry it as a bearer token. Without one the endpoint is
/// on loopback, and it also refuses a request whose Host is not a loopback name, so that a web
/// page cannot reach it through DNS rebinding.
/// </summary>
/// <remarks>
/// The token travels in clear text: plain HTTP has no TLS yet (the security issue brings it).
/// Off loopback, reach the endpoint through a VPN or an SSH tunnel until then.
/// </remarks>
public sealed class CommandAccess(CommandEndpointSettings settings)
{
    private readonly byte[] _token = Encoding.UTF8.GetBytes(settings.Token);

    /// <summary>Null when the request may go on, else the problem to answer with.</summary>
    public ProblemReply? Check(HttpRequest request)
    {
        if (request.Headers[CommandProtocol.VersionHeader] != CommandProtocol.Version)
            return new ProblemReply("not a ccm request", StatusCodes.Status400BadRequest,
                $"this member speaks ccm protocol {CommandProtocol.Version} "
                + $"and needs the {CommandProtocol.VersionHeader} header",
                ProblemCodes.BadArguments);

        if (settings.RequiresToken)
            return HasToken(request) ? null : new ProblemReply("wrong token", StatusCodes.Status401Unauthorized,
                "the command endpoint refused the token (set it with --token or CMD_TOKEN)", ProblemCodes.Unauthorized);

        return IsLoopbackHost(request.Host.Host) ? null : new ProblemReply("not from this machine",
            StatusCodes.Status403Forbidden, $"this endpoint takes commands for {settings.Host} only",
            ProblemCodes.Unauthorized);
    }

    private bool HasToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.Ordinal))
            return false;

        var presented = Encoding.UTF8.GetBytes(header[scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, _token);
    }

    private static bool IsLoopbackHost(string host) => CommandEndpointSettings.IsLoopback(host.Trim('[', ']'));
}
