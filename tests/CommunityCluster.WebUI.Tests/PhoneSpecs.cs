using CommunityCluster.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommunityCluster.WebUI.Tests;

/// <summary>The gallery on a phone-sized screen: nothing wider than the screen, the photo page stacked.</summary>
public sealed class PhoneSpecs : IAsyncLifetime
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private static readonly string[] Photos = ["ianare_Canon_40D.jpg", "immich_denali.webp", "pp_IMG_4120.JPG"];

    private readonly WebNode _web = new(nameof(PhoneSpecs));
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
    public async Task Gallery_should_fit_a_phone_screen()
    {
        var ids = new List<string>();
        foreach (var name in Photos)
            ids.Add(await _web.UploadReadyAsync(TestPhoto.Of(SharedData.Photo(name))));
        var page = await _chromium.OpenAsync(_web.BaseUrl, Phone, phone: true);

        await page.GotoAsync("/");
        await Expect(page.Locator(".tile img")).ToHaveCountAsync(Photos.Length);
        var tileWidth = await page.Locator(".tile").First.EvaluateAsync<double>("t => t.getBoundingClientRect().width");
        await AssertFitsAsync(page);
        await Screenshots.TakeAsync(page, "phone-gallery");

        await page.Locator(".tile").First.TapAsync();
        await Expect(page.Locator("article.photo .preview img")).ToBeVisibleAsync();
        var previewBottom = await page.Locator(".preview")
            .EvaluateAsync<double>("p => p.getBoundingClientRect().bottom");
        var sideTop = await page.Locator(".side").EvaluateAsync<double>("s => s.getBoundingClientRect().top");
        await AssertFitsAsync(page);
        await Screenshots.TakeAsync(page, "phone-photo");

        await page.GetByRole(AriaRole.Link, new() { Name = "Community", Exact = true }).TapAsync();
        await Expect(page.Locator("table.members tbody tr")).ToHaveCountAsync(1);
        await AssertFitsAsync(page); // wide tables scroll inside their own box
        await Screenshots.TakeAsync(page, "phone-community");

        Assert.InRange(tileWidth, 80, 200); // three or four tiles to a row
        Assert.True(previewBottom <= sideTop + 1,
            $"the preview ({previewBottom}) must sit above the facts ({sideTop})");
        Assert.Empty(_chromium.Outside);
    }

    private static async Task AssertFitsAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<double>(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow} px wider than the screen");
    }
}
