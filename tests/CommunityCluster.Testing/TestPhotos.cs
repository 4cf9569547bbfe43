using System.Security.Cryptography;

namespace CommunityCluster.Testing;

/// <summary>A file to upload and the photo id it must get: the SHA-256 of its bytes.</summary>
public sealed record TestPhoto(string Path, string Id)
{
    public string Name => System.IO.Path.GetFileName(Path);

    public long Size => new FileInfo(Path).Length;

    public static TestPhoto Of(string path)
    {
        using var file = File.OpenRead(path);
        return new TestPhoto(path, Convert.ToHexStringLower(SHA256.HashData(file)));
    }
}

/// <summary>
/// The photos a storage test uploads: every file of the shared corpus where it is present,
/// otherwise files made here (sizes from a few bytes to several chunks, one duplicate pair),
/// so storage tests run on any clone and say which set they used.
/// </summary>
public static class TestPhotos
{
    public static IReadOnlyList<TestPhoto> CorpusOrGenerated(TestFolder folder, out string description)
    {
        if (SharedData.IsPresent)
        {
            description = $"the shared corpus ({SharedData.PhotosFolder})";
            return SharedData.FilesIn(SharedData.PhotosFolder).Select(TestPhoto.Of).ToList();
        }

        description = "generated files (" + SharedData.AbsentReason + ")";
        return Generate(folder.Combine("generated-photos"), seed: 7);
    }

    /// <summary>Random bytes behind a JPEG header, of sizes that cross chunk boundaries, plus a byte-identical copy.</summary>
    public static IReadOnlyList<TestPhoto> Generate(string folder, int seed)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        int[] sizes = [1, 100, 65_535, 65_536, 65_537, 300_000, 1_048_576, 1_048_577, 2_500_000, 4_200_000];
        var photos = new List<TestPhoto>();
        foreach (var (size, index) in sizes.Select((s, i) => (s, i)))
        {
            var bytes = new byte[size];
            random.NextBytes(bytes);
            if (size >= 3)
                ((byte[])[0xFF, 0xD8, 0xFF]).CopyTo(bytes, 0); // sniffed as a JPEG
            var path = System.IO.Path.Combine(folder, $"generated-{index:00}.jpg");
            File.WriteAllBytes(path, bytes);
            photos.Add(TestPhoto.Of(path));
        }

        var copy = System.IO.Path.Combine(folder, "generated-05 copy.jpg");
        File.Copy(photos[5].Path, copy);
        photos.Add(TestPhoto.Of(copy));
        return photos;
    }

    /// <summary>A file of random bytes of the given size.</summary>
    public static TestPhoto RandomFile(string folder, string name, long size, int seed)
    {
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, name);
        var random = new Random(seed);
        var buffer = new byte[1024 * 1024];
        using (var file = File.Create(path))
        {
            for (long written = 0; written < size; written += buffer.Length)
            {
                random.NextBytes(buffer);
                file.Write(buffer, 0, (int)Math.Min(buffer.Length, size - written));
            }
        }

        return TestPhoto.Of(path);
    }
}
