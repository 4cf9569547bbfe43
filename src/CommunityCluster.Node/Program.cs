using CommunityCluster.Node;
using CommunityCluster.Node.Security;
using CommunityCluster.Node.Startup;
using CommunityCluster.Node.Web;

// A home's node: settings checked first (exit 2 on a bad one), then the cluster, then the web.
// "render-worker" is the node's own render process (ThumbHub): libvips runs there, never here.
if (args is [CommunityCluster.Thumbs.Rendering.RenderServer.Command])
    return CommunityCluster.Thumbs.Rendering.RenderServer.Run(Console.In, Console.Out);

if (HealthCheckCommand.IsRequested(args))
    return await HealthCheckCommand.RunAsync(args);

if (!NodeStartup.TryLoad(args, out var settings, out var exitCode))
    return exitCode;

var builder = WebApplication.CreateSlimBuilder();
builder.AddNodeLogging();
builder.AddNodeWebServer(settings);
builder.Services.AddCommunityNode(settings);
builder.Services.AddNodeApi();
builder.Services.AddNodeSecurity(settings);
builder.Services.AddResumableUploads(settings);

var app = builder.Build();
app.UseNodeApi();
app.UseNodeSecurity();
app.MapHealthEndpoints();
app.MapSessionEndpoints();
app.MapInvitationEndpoints();
app.MapShareEndpoints();
app.MapClusterEndpoints();
app.MapUploadEndpoint();
app.MapResumableUploadEndpoints();
app.MapPhotoEndpoints();
app.MapCatalogEndpoints();
app.MapAlbumEndpoints();
app.MapThumbnailEndpoints();
app.MapStorageEndpoints();
app.MapCommunityEndpoints();
app.MapSleepEndpoint();
app.MapGalleryEndpoints();

var system = app.Services.GetRequiredService<Akka.Actor.ActorSystem>();
try
{
    await app.RunAsync();
}
catch (OperationCanceledException) when (NodeStartup.IsShuttingDown(system))
{
    // The cluster ended this node while the web server was still binding (a TLS refusal in the
    // first milliseconds): the host's start is cancelled, and the exit code below says why.
}

return NodeStartup.ExitCodeAfterRun(system);
