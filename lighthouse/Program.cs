using Akka.Actor;
using Akka.Hosting;
using CommunityCluster.Commands;
using CommunityCluster.Core.Security;
using CommunityCluster.Core.Settings;
using CommunityCluster.Discovery;
using CommunityCluster.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The lighthouse: joins itself (and any other seeds), logs membership, answers link probes and ccm.
const string programName = "communitycluster-lighthouse";

if (SettingsReader.WantsHelp(args))
{
    Console.WriteLine(SettingsReader.Help(programName, "the seed node of a CommunityCluster community", LighthouseSettings.Definitions));
    return ExitCodes.Success;
}

LighthouseSettings settings;
MemberTls? tls;
IReadOnlyList<SeedAddress> seeds;
try
{
    settings = LighthouseSettings.Parse(args, Environment.GetEnvironmentVariables(), null);
    CommandEndpointBinding.Check(settings.CommandEndpoint);
    tls = MemberTls.Load(settings.TlsOrNone, DateTimeOffset.UtcNow);
    seeds = settings.SeedsWithSelf(tls is not null);
}
catch (SettingsException e)
{
    Console.Error.WriteLine($"{programName}: error: {e.Message}");
    return ExitCodes.BadSetting;
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders().AddSimpleConsole(console =>
{
    console.SingleLine = true;
    console.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
    console.UseUtcTimestamp = true;
});
builder.Services.AddAkka(settings.SystemName, akka => akka
    .WithCommunityCluster(new CommunityClusterOptions(
        settings.SystemName, settings.Host, settings.PublicHost, settings.Port,
        [ServiceRole.LighthouseRole], seeds.Select(s => s.ToString()).ToList(), DataDirectory: null, tls))
    .WithPingResponder());
builder.Services.AddCommandHost(settings.CommandEndpoint);

var host = builder.Build();
var system = host.Services.GetRequiredService<ActorSystem>();
await host.RunAsync();
return ExitCodes.AfterShutdown(system);
