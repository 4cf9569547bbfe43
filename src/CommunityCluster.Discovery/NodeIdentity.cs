namespace CommunityCluster.Discovery;

/// <summary>
/// A node's stable id, kept in its data folder: replicas are recorded by this id, not by address,
/// so a home that comes back on another address, or as a new incarnation, is still recognised as
/// the holder of the chunks on its disk.
/// </summary>
public static class NodeIdentity
{
    public static string LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "node-id");
        if (File.Exists(path) && Guid.TryParseExact(File.ReadAllText(path).Trim(), "N", out var existing))
            return existing.ToString("N");

        Directory.CreateDirectory(dataDirectory);
        var id = Guid.NewGuid().ToString("N");
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, id);
        File.Move(temporary, path, overwrite: true);
        return id;
    }
}

/// <summary>How much shared disk this node uses now; the storage service provides it.</summary>
public interface IStorageGauge
{
    long UsedBytes { get; }
}
