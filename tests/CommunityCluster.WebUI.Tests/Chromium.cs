using CommunityCluster.Testing;
using Microsoft.Playwright;

namespace CommunityCluster.WebUI.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright's driver (shipped inside the NuGet package; Playwright's own
/// browser download is never used, it cannot work here). Every request the pages make is checked:
/// anything not aimed at loopback is aborted and recorded, so a test can assert that the gallery
/// loads nothing from elsewhere, and the browser resolves no other name in the first place.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static bool IsPresent => File.Exists(ExecutablePath);

    public const string AbsentReason =
        "no " + ExecutablePath + ": install Debian's chromium (`apt-get install chromium`; `dotnet fsi build.fsx test` "
        + "does it when run as root) to run the gallery's browser tests";

    /// <summary>Requests the pages made to anything but loopback (aborted).</summary>
    public List<string> Outside { get; } = [];

    /// <summary>Console errors and uncaught exceptions of the pages.</summary>
    public List<string> PageErrors { get; } = [];

    public static async Task<Chromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Timeout = (float)TimeSpan.FromSeconds(60).TotalMilliseconds,
            Args =
            [
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
            ],
        });
        return new Chromium(playwright, browser);
    }

    public async Task<IPage> OpenAsync(string baseUrl, ViewportSize viewport, bool phone = false)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = viewport,
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = phone ? 2 : 1,
        });
        context.SetDefaultTimeout((float)Patience.TotalMilliseconds);
        await context.RouteAsync("**/*", async route =>
        {
            if (new Uri(route.Request.Url).Host is "127.0.0.1")
            {
                await route.ContinueAsync();
                return;
            }

            lock (Outside)
                Outside.Add(route.Request.Url);
            await route.AbortAsync();
        });
        var page = await context.NewPageAsync();
        await SignInAsync(page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                lock (PageErrors)
                    PageErrors.Add(message.Text);
        };
        page.PageError += (_, error) =>
        {
            lock (PageErrors)
                PageErrors.Add(error);
        };
        return page;
    }

    /// <summary>
    /// Signs in through the gallery's own form as the harness's admin, as a member would: the page gets
    /// the session cookie and its anti-forgery token, which every later upload and edit then sends.
    /// </summary>
    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/");
        var form = page.Locator("form.sign-in");
        await form.Locator("input[name=name]").FillAsync(MemberCredentials.AdminName);
        await form.Locator("input[name=password]").FillAsync(MemberCredentials.AdminPassword);
        await form.Locator("button[type=submit]").ClickAsync();
        await page.Locator("#view[data-view=gallery][data-ready=true]").WaitForAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>A browser test: skipped, with the reason printed, without Debian's Chromium or the shared corpus.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.IsPresent)
            Skip = Chromium.AbsentReason;
        else if (!Testing.SharedData.IsPresent)
            Skip = Testing.SharedData.AbsentReason;
    }
}
