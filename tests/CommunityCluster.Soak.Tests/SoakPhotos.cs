using CommunityCluster.Testing;

namespace CommunityCluster.Soak.Tests;

/// <summary>
/// A fresh photo for every upload, so each one is a new id to lose. With the shared corpus, a
/// corpus JPEG or PNG with random bytes after its end (decoders ignore them, the hash does not),
/// and now and then a corpus file as it is (a duplicate once uploaded). Without it, random bytes
/// behind a JPEG header, as the harness generates them.
/// </summary>
public sealed class SoakPhotos(string folder, Random random)
{
    private readonly IReadOnlyList<string> _corpus = SharedData.IsPresent
        ? SharedData.FilesIn(SharedData.PhotosFolder)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".jpg" or ".jpeg" or ".png")
            .ToList()
        : [];

    private int _made;

    public string Source => _corpus.Count > 0
        ? $"the shared corpus's {_corpus.Count} JPEG and PNG files, each with random trailing bytes"
        : "generated files (" + SharedData.AbsentReason + ")";

    public TestPhoto Next()
    {
        var number = ++_made;
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"soak-{number:00000}");
        if (_corpus.Count == 0)
        {
            var bytes = new byte[random.Next(1_000, 1_500_000)];
            random.NextBytes(bytes);
            ((byte[])[0xFF, 0xD8, 0xFF]).CopyTo(bytes, 0); // sniffed as a JPEG
            File.WriteAllBytes(path + ".jpg", bytes);
            return TestPhoto.Of(path + ".jpg");
        }

        var original = _corpus[random.Next(_corpus.Count)];
        path += Path.GetExtension(original).ToLowerInvariant();
        File.Copy(original, path);
        if (random.Next(10) > 0)
        {
            var tail = new byte[32];
            random.NextBytes(tail);
            using var file = new FileStream(path, FileMode.Append);
            file.Write(tail);
        }

        return TestPhoto.Of(path);
    }
}
