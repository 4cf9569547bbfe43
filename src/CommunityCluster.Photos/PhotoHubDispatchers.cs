namespace CommunityCluster.Photos;

/// <summary>Dispatchers of PhotoHub, configured in photohub.conf.</summary>
public static class PhotoHubDispatchers
{
    /// <summary>A thread of its own for the chunk store, which blocks on reads, writes and fsyncs.</summary>
    public const string Disk = "community.photohub.disk-dispatcher";
}
