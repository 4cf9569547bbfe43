namespace CommunityCluster.Testing;

/// <summary>
/// A folder of its own for one test, under the system temp folder. Deleted on dispose unless the
/// test asked to keep it (for logs to read after a failure).
/// </summary>
public sealed class TestFolder : IDisposable
{
    private static readonly string Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "communitycluster-tests");

    public TestFolder(string name)
    {
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
        Path = System.IO.Path.Combine(Root, $"{safe[..Math.Min(safe.Length, 60)]}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Kept after the test when set, or when CC_KEEP_TEST_FOLDERS=1 for a whole run.</summary>
    public bool Keep { get; set; } = Environment.GetEnvironmentVariable("CC_KEEP_TEST_FOLDERS") == "1";

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        if (Keep)
            return;

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
