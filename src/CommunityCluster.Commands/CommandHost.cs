using System.Net;
using System.Text.Json;
using CommunityCluster.Commands.Protocol;
using CommunityCluster.Core.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommunityCluster.Commands;

/// <summary>
/// The ccm endpoint of a member: a Kestrel server of its own on the command port, apart from the
/// node's web server, so that only ccm's two routes answer there and the lighthouse (which has no
/// web server) runs the same code. Started after the actor system, stopped before it.
/// </summary>
public sealed class CommandHost(CommandEndpointSettings settings, CommandRunner runner, ILoggerFactory loggerFactory)
    : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger _log = loggerFactory.CreateLogger<CommandHost>();
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var endpoint = new IPEndPoint(CommandEndpointBinding.Resolve(settings.Host), settings.Port);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(endpoint));
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();

        var app = builder.Build();
        MapRoutes(app, new CommandAccess(settings));
        await app.StartAsync(cancellationToken);
        _app = app;
        _log.LogInformation("ccm endpoint listening on {Endpoint} ({Access})", endpoint,
            settings.RequiresToken ? "token required" : "loopback only");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_app is not null)
            await _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();

        _stopping.Dispose();
    }

    private void MapRoutes(WebApplication app, CommandAccess access)
    {
        app.Use(async (http, next) =>
        {
            var problem = access.Check(http.Request);
            if (problem is null)
                await next(http);
            else
                await CommandRunner.WriteProblemAsync(http, problem);
        });

        app.MapGet(CommandProtocol.CatalogPath, async http =>
        {
            http.Response.ContentType = CommandProtocol.JsonMediaType;
            await JsonSerializer.SerializeAsync(http.Response.Body, runner.Catalog(), CommandRunner.Json);
        });

        app.MapPost(CommandProtocol.RunPath, async http =>
        {
            RunRequest? request;
            try
            {
                request = await JsonSerializer.DeserializeAsync<RunRequest>(
                    http.Request.Body, CommandRunner.Json, http.RequestAborted);
            }
            catch (JsonException e)
            {
                request = null;
                _log.LogDebug("ccm request is not valid JSON: {Error}", e.Message);
            }

            if (request?.Words is null)
                await CommandRunner.WriteProblemAsync(http, ProblemCodes.BadArguments, "not a ccm run request");
            else
                await runner.RunAsync(http, request, _stopping.Token);
        });
    }

    /// <summary>The embedded server follows the member's life; it must not answer Ctrl-C or SIGTERM itself.</summary>
    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
