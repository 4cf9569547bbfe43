namespace CommunityCluster.Hosting;

/// <summary>
/// Which Distributed Data keys are kept on disk: those whose id starts with <see cref="Prefix"/>
/// (community.conf lists the same prefix). Everything else is rebuilt from live nodes.
/// </summary>
public static class DurableKeys
{
    public const string Prefix = "durable:";

    public static string Id(string name) => Prefix + name;

    /// <summary>Where a node keeps its durable keys inside its data folder.</summary>
    public static string FilePath(string dataDirectory) => Path.Combine(dataDirectory, "ddata", "durable.sqlite");
}
