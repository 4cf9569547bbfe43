using System.Net;
using Microsoft.Extensions.FileProviders;

namespace CommunityCluster.Benchmarks.WebUI;

/// <summary>
/// The baseline: plain Kestrel on loopback serving static files from a folder, with no middleware but
/// static files. Each target gets a file of exactly the bytes the node answered, so both sides move
/// the same amount.
/// </summary>
public sealed class Baseline : IAsyncDisposable
{
    private readonly WebApplication _app;

    private Baseline(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<Baseline> StartAsync(string folder, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(folder),
            ServeUnknownFileTypes = true,
        });
        await app.StartAsync();
        return new Baseline(app, port);
    }

    public string Url(string file) => $"http://127.0.0.1:{Port}/{file}";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
