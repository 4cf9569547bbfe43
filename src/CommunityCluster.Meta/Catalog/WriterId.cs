namespace CommunityCluster.Meta.Catalog;

/// <summary>
/// The id this replica stamps on its writes (<see cref="Lww{T}.By"/>, <see cref="DotSet"/> dots).
/// It lives beside the durable catalog, in <c>ddata/</c>: a replica that keeps its data keeps its
/// id, and a replica whose data was cleared starts a new one, so it never claims to have seen
/// writes it has lost.
/// </summary>
public static class WriterId
{
    private static readonly Lock Gate = new();

    public static string FilePath(string dataDirectory) => Path.Combine(dataDirectory, "ddata", "catalog-writer-id");

    public static string LoadOrCreate(string dataDirectory)
    {
        var path = FilePath(dataDirectory);
        lock (Gate)
        {
            if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } existing)
                return Interned.Of(existing);

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var id = Guid.NewGuid().ToString("N")[..16];
            File.WriteAllText(path, id);
            return Interned.Of(id);
        }
    }
}
