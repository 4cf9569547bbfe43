using CommunityCluster.Testing;
using Microsoft.Playwright;

namespace CommunityCluster.WebUI.Tests;

/// <summary>Screenshots kept as test artifacts under artifacts/screenshots (ignored by git).</summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(Binaries.RepositoryRoot, "artifacts", "screenshots");

    public static async Task TakeAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }
}
