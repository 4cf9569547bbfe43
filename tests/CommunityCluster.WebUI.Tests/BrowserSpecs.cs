using System.Text.RegularExpressions;
using CommunityCluster.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommunityCluster.WebUI.Tests;

/// <summary>
/// The gallery in Debian's Chromium against a real node of its own: upload through the file chooser,
/// thumbnails appearing without a reload, the grid, a photo and the keyboard, an album, the community.
/// Screenshots go to artifacts/screenshots.
/// </summary>
public sealed class BrowserSpecs : IAsyncLifetime
{
    private static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };
    private static readonly float Long = (float)TimeSpan.FromSeconds(90).TotalMilliseconds;

    private static readonly string[] Stored =
        ["ianare_Canon_40D.jpg", "ianare_Panasonic_DMC-FZ30.jpg", "immich_denali.webp", "ianare_gps_DSCN0010.jpg"];

    private const string Original = "pp_IMG_4120.JPG";
    private const string Duplicate = "pp_IMG_4120 copy.JPG";
    private const string TooLarge = "ianare_hdr_canon_hdr_YES.jpg"; // 723 KB, over the node's 500 KB cap

    private readonly WebNode _web = new(nameof(BrowserSpecs));
    private Chromium _chromium = null!;

    public async Task InitializeAsync()
    {
        if (!Chromium.IsPresent || !SharedData.IsPresent)
            return; // the facts are skipped, with the reason
        await _web.InitializeAsync();
        _chromium = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
            await _chromium.DisposeAsync();
        await _web.DisposeAsync();
    }

    [BrowserFact]
    public async Task Gallery_should_upload_show_open_step_file_and_describe_the_community()
    {
        var page = await _chromium.OpenAsync(_web.BaseUrl, Desktop);

        await UploadThroughTheChooserAsync(page);
        var ids = await GridAsync(page);
        await PhotoAndKeyboardAsync(page, ids);
        await AlbumAsync(page, ids[0]);
        await CommunityAsync(page);

        Assert.Empty(_chromium.Outside);
        // Chromium logs every 4xx answer (the refused uploads) as a console error; only script errors count.
        Assert.DoesNotContain(_chromium.PageErrors,
            e => !e.StartsWith("Failed to load resource", StringComparison.Ordinal));
    }

    private async Task UploadThroughTheChooserAsync(IPage page)
    {
        var empty = _web.Folder.Combine("empty.jpg");
        File.WriteAllBytes(empty, []);
        string[] files = [SharedData.Photo(Original), .. Stored.Select(SharedData.Photo), SharedData.Photo(TooLarge),
            empty, SharedData.Photo(Duplicate)];
        await page.GotoAsync("/#/upload");

        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Locator("label[for=files]").ClickAsync());
        await chooser.SetFilesAsync(files);

        var rows = page.Locator(".files li[data-outcome]");
        await Expect(rows).ToHaveCountAsync(files.Length, new() { Timeout = Long });
        await Expect(Row(page, Duplicate)).ToHaveAttributeAsync("data-outcome", "duplicate");
        await Expect(Row(page, Duplicate)).ToContainTextAsync("duplicate: already in the gallery");
        await Expect(Row(page, TooLarge)).ToHaveAttributeAsync("data-outcome", "rejected");
        await Expect(Row(page, TooLarge)).ToContainTextAsync("file too large");
        await Expect(Row(page, "empty.jpg")).ToContainTextAsync("rejected: empty file");
        foreach (var name in Stored.Append(Original))
            await Expect(Row(page, name)).ToHaveAttributeAsync("data-outcome", "stored");
        // The thumbnails arrive through the events stream, with no reload of the page.
        await Expect(page.Locator(".files li[data-outcome=stored] img.thumb")).ToHaveCountAsync(Stored.Length + 1,
            new() { Timeout = Long });
        Assert.Equal(1.0, await page.Locator(".overall progress").EvaluateAsync<double>("p => p.value"));
        await Screenshots.TakeAsync(page, "upload");
    }

    private static ILocator Row(IPage page, string fileName) => page.Locator($".files li[data-file=\"{fileName}\"]");

    private async Task<IReadOnlyList<string>> GridAsync(IPage page)
    {
        var catalog = (await _web.Node.GetJsonAsync("/api/photos?limit=60")).GetProperty("items").EnumerateArray()
            .ToList();
        var ids = catalog.Select(p => p.GetProperty("id").GetString()!).ToList();
        var days = catalog.Select(p => p.GetProperty("takenAt").GetProperty("local").GetString()![..10]).Distinct();

        await page.GetByRole(AriaRole.Link, new() { Name = "Gallery", Exact = true }).ClickAsync();

        await Expect(page.Locator(".tile img")).ToHaveCountAsync(Stored.Length + 1);
        Assert.Equal(ids, await page.Locator(".tile").EvaluateAllAsync<string[]>("t => t.map(e => e.dataset.id)"));
        Assert.Equal(days,
            await page.Locator("section.day").EvaluateAllAsync<string[]>("s => s.map(e => e.dataset.day)"));
        await Screenshots.TakeAsync(page, "gallery");
        return ids;
    }

    private static async Task PhotoAndKeyboardAsync(IPage page, IReadOnlyList<string> ids)
    {
        await page.Locator($".tile[data-id=\"{ids[0]}\"]").ClickAsync();

        await Expect(page.Locator($"article.photo[data-id=\"{ids[0]}\"] .preview img")).ToBeVisibleAsync();
        await Expect(page.Locator(".served")).ToContainTextAsync($"served by {WebNode.Home}");
        await Expect(page.Locator(".where .chips")).ToContainTextAsync(WebNode.Home);
        await Expect(page.Locator("ol.reads")).ToContainTextAsync(WebNode.Home);
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("Dimensions");
        await Expect(page.Locator("a.download")).ToHaveAttributeAsync("href", $"/api/photos/{ids[0]}/original");
        await Screenshots.TakeAsync(page, "photo");

        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.Locator($"article.photo[data-id=\"{ids[1]}\"]")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.Locator($"article.photo[data-id=\"{ids[2]}\"]")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(page.Locator($"article.photo[data-id=\"{ids[1]}\"]")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"#/photo/{ids[1]}$"));
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator($".tile[data-id=\"{ids[1]}\"]")).ToBeFocusedAsync();
    }

    private async Task AlbumAsync(IPage page, string photoId)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Albums", Exact = true }).ClickAsync();
        await page.Locator("form.create-album input[name=name]").FillAsync("Holidays 2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Holidays 2024");
        var albumId = page.Url[(page.Url.LastIndexOf('/') + 1)..];

        await page.GotoAsync($"/#/photo/{photoId}");
        await page.Locator("form.add-to-album select")
            .SelectOptionAsync(new SelectOptionValue { Label = "Holidays 2024" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to album" }).ClickAsync();
        await Expect(page.Locator(".albums-of .chips")).ToContainTextAsync("Holidays 2024");

        await page.Locator(".albums-of .chips a").ClickAsync();
        await Expect(page.Locator(".tile")).ToHaveCountAsync(1);
        await page.Locator("form.rename-album input[name=name]").FillAsync("Summer 2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Summer 2024");
        await Screenshots.TakeAsync(page, "album");

        var album = await _web.Node.GetJsonAsync($"/api/albums/{albumId}");
        Assert.Equal("Summer 2024", album.GetProperty("name").GetString());
        Assert.Equal(1, album.GetProperty("photos").GetInt32());
    }

    private static async Task CommunityAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Community", Exact = true }).ClickAsync();

        await Expect(page.Locator("table.members tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("table.members tbody")).ToContainTextAsync(WebNode.Home);
        await Expect(page.Locator("table.matrix.round-trip th[scope=col]")).ToHaveTextAsync([WebNode.Home]);
        await Expect(page.Locator("table.matrix.throughput")).ToBeVisibleAsync();
        await Expect(page.Locator(".health")).ToContainTextAsync("Healthy: all 5 photos");
        await Expect(page.Locator(".readable")).ToContainTextAsync("Readable now: 100.0 % of 5 photos");
        await Expect(page.Locator(".home-week figcaption")).ToContainTextAsync(WebNode.Home);
        await Expect(page.Locator(".home-week table.week td")).ToHaveCountAsync(168);
        await Expect(page.Locator(".home-week table.week td.now")).ToHaveCountAsync(1);
        await Screenshots.TakeAsync(page, "community");
    }
}
