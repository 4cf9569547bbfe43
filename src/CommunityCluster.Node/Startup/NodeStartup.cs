using System.Diagnostics.CodeAnalysis;
using Akka.Actor;
using CommunityCluster.Core.Settings;
using CommunityCluster.Hosting;

namespace CommunityCluster.Node.Startup;

/// <summary>
/// Reads the settings and checks what can be checked before anything starts, so that every bad
/// setting ends the process at once with one line on stderr and exit code 2 (DESIGN.md section 4).
/// </summary>
public static class NodeStartup
{
    public const string ProgramName = "communitycluster-node";

    public static bool TryLoad(string[] args, [NotNullWhen(true)] out ResolvedNodeSettings? settings, out int exitCode)
    {
        settings = null;
        if (SettingsReader.WantsHelp(args))
        {
            Console.WriteLine(SettingsReader.Help(ProgramName, "a home's node of a CommunityCluster community", NodeSettings.Definitions));
            exitCode = ExitCodes.Success;
            return false;
        }

        try
        {
            var parsed = NodeSettings.Parse(args, Environment.GetEnvironmentVariables(), ReadAppSettings(), Environment.MachineName);
            settings = Preflight.Check(parsed);
            exitCode = ExitCodes.Success;
            return true;
        }
        catch (SettingsException e)
        {
            Console.Error.WriteLine($"{ProgramName}: error: {e.Message}");
            exitCode = ExitCodes.BadSetting;
            return false;
        }
    }

    /// <summary>Whether the actor system's coordinated shutdown has begun, for whatever reason.</summary>
    public static bool IsShuttingDown(ActorSystem system) =>
        CoordinatedShutdown.Get(system).ShutdownReason is not null;

    public static int ExitCodeAfterRun(ActorSystem system)
    {
        var code = ExitCodes.AfterShutdown(system);
        if (code == ExitCodes.Downed)
            Console.Error.WriteLine($"{ProgramName}: this node was downed by the cluster; restart it to rejoin");

        return code;
    }

    /// <summary>The <c>appsettings.json</c> beside the executable, or null when there is none.</summary>
    internal static string? ReadAppSettings()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }
}
