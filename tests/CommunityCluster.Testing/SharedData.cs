using Xunit;

namespace CommunityCluster.Testing;

/// <summary>
/// The corpus beside the clone (<c>../shared/testdata</c>): real photos and hostile files from
/// other projects, read in place and never copied into the repository.
/// </summary>
public static class SharedData
{
    public const string AbsentReason =
        "../shared/testdata is absent beside this clone; the shared photo corpus tests need it (the rest of the suite runs on generated images)";

    public static bool IsPresent => Binaries.SharedFolder is not null;

    public static string PhotosFolder => Path.Combine(Required(), "testdata", "photos");

    public static string BadFolder => Path.Combine(Required(), "testdata", "bad");

    public static string TestbedLinks => Path.Combine(Required(), "testbed", "paper-links.csv");

    public static string Photo(string name) => Path.Combine(PhotosFolder, name);

    public static string Bad(string name) => Path.Combine(BadFolder, name);

    /// <summary>Every corpus file of a folder except its MANIFEST.md, sorted by name.</summary>
    public static IReadOnlyList<string> FilesIn(string folder) =>
        Directory.GetFiles(folder).Where(f => Path.GetFileName(f) != "MANIFEST.md").Order(StringComparer.Ordinal).ToList();

    private static string Required() => Binaries.SharedFolder ?? throw new InvalidOperationException(AbsentReason);
}

/// <summary>A fact that needs the shared corpus: skipped, with the reason printed, where it is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (!SharedData.IsPresent)
            Skip = SharedData.AbsentReason;
    }
}

/// <summary>A theory over the shared corpus: skipped, with the reason printed, where it is absent.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (!SharedData.IsPresent)
            Skip = SharedData.AbsentReason;
    }
}
