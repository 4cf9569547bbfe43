namespace CommunityCluster.Core.Settings;

/// <summary>
/// The cluster roles of DESIGN.md section 1. Every community node also carries
/// <see cref="NodeRole"/>, and a lighthouse carries <see cref="LighthouseRole"/> only, so that
/// node-wide actors (Distributed Data, the sharding probe) never wait on a lighthouse.
/// </summary>
public static class ServiceRole
{
    public const string Web = "web";
    public const string Photos = "photos";
    public const string Thumbs = "thumbs";
    public const string Meta = "meta";

    public const string NodeRole = "node";
    public const string LighthouseRole = "lighthouse";

    public static readonly IReadOnlyList<string> All = [Web, Photos, Thumbs, Meta];
}
