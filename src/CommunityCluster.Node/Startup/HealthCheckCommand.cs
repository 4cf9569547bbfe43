using System.Net;
using CommunityCluster.Core.Settings;

namespace CommunityCluster.Node.Startup;

/// <summary>
/// <c>CommunityCluster.Node healthcheck</c>: asks the node running beside it for
/// <c>/health/ready</c> and exits 0 when it answers 200, 1 otherwise. It is the container image's
/// HEALTHCHECK, because the ASP.NET runtime image has neither curl nor wget, and a check that
/// ships with the node reads the same settings (flags, environment, appsettings.json) as the
/// node, so it always asks the port the node really serves on.
/// </summary>
public static class HealthCheckCommand
{
    public const string Name = "healthcheck";

    /// <summary>Docker reads 0 as healthy and 1 as unhealthy; 2 is reserved, so every failure is 1.</summary>
    private const int Healthy = 0;
    private const int Unhealthy = 1;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static bool IsRequested(string[] args) => args is [Name, ..];

    public static async Task<int> RunAsync(string[] args)
    {
        Uri uri;
        try
        {
            var settings = NodeSettings.Parse(args[1..], Environment.GetEnvironmentVariables(),
                NodeStartup.ReadAppSettings(), Environment.MachineName);
            uri = ReadyUri(settings.Host, settings.HttpPort);
        }
        catch (SettingsException e)
        {
            Console.Error.WriteLine($"{NodeStartup.ProgramName} {Name}: unhealthy: {e.Message}");
            return Unhealthy;
        }

        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(uri);
            var body = await response.Content.ReadAsStringAsync();
            Console.WriteLine($"{uri} answered {(int)response.StatusCode}: {body}");
            return response.StatusCode == HttpStatusCode.OK ? Healthy : Unhealthy;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"{NodeStartup.ProgramName} {Name}: unhealthy: {uri}: {e.Message}");
            return Unhealthy;
        }
    }

    /// <summary>The node's own readiness address: a wildcard bind is asked on loopback.</summary>
    public static Uri ReadyUri(string host, int httpPort)
    {
        var address = IPAddress.TryParse(host, out var ip) ? ip : null;
        var target = address switch
        {
            _ when address?.Equals(IPAddress.Any) == true => "127.0.0.1",
            _ when address?.Equals(IPAddress.IPv6Any) == true => "[::1]",
            { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } => $"[{host}]",
            _ => host,
        };
        return new Uri($"http://{target}:{httpPort}/health/ready");
    }
}
