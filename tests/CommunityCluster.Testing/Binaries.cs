using System.Reflection;

namespace CommunityCluster.Testing;

/// <summary>Where the built node and lighthouse live, for tests that start them as processes.</summary>
public static class Binaries
{
    private static readonly Lazy<string> RepositoryRootPath = new(FindRepositoryRoot);

    public static string RepositoryRoot => RepositoryRootPath.Value;

    /// <summary>The configuration this harness was built with; the executables are built alongside.</summary>
    public static string Configuration =>
        typeof(Binaries).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string Node => Existing(Path.Combine(RepositoryRoot, "src", "CommunityCluster.Node", "bin", Configuration,
        "net10.0", "CommunityCluster.Node.dll"));

    public static string Lighthouse => Existing(Path.Combine(RepositoryRoot, "lighthouse", "bin", Configuration, "net10.0",
        "CommunityCluster.Lighthouse.dll"));

    public static string Ccm => Existing(Path.Combine(RepositoryRoot, "src", "CommunityCluster.Ccm", "bin",
        Configuration, "net10.0", "CommunityCluster.Ccm.dll"));

    /// <summary>The shared test data beside the clone, or null when this clone has none.</summary>
    public static string? SharedFolder
    {
        get
        {
            var shared = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
            return Directory.Exists(Path.Combine(shared, "testdata")) ? shared : null;
        }
    }

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built; build the solution first", path);

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CommunityCluster.sln")))
                return folder.FullName;
        }

        throw new DirectoryNotFoundException($"no CommunityCluster.sln above {AppContext.BaseDirectory}");
    }
}
