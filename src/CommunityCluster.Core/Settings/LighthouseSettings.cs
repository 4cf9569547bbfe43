using System.Collections;

namespace CommunityCluster.Core.Settings;

/// <summary>
/// The seed node's settings, named as in Petabridge's Lighthouse so container users feel at home.
/// With no seeds the lighthouse is its own first seed.
/// </summary>
public sealed record LighthouseSettings(
    string SystemName,
    string Host,
    string PublicHost,
    int Port,
    IReadOnlyList<SeedAddress> Seeds,
    CommandEndpointSettings CommandEndpoint,
    TlsSettings? Tls = null)
{
    /// <summary>Where node-to-node TLS files are (plain TCP where this record was built without them).</summary>
    public TlsSettings TlsOrNone => Tls ?? TlsSettings.None;

    public static readonly IReadOnlyList<SettingDefinition> Definitions =
    [
        new("ActorSystem", "--actor-system", "ACTORSYSTEM", NodeSettings.SystemName, "name of the actor system"),
        new("Host", "--host", "CLUSTER_IP", "127.0.0.1", "address to bind"),
        new("PublicHost", "--public-host", "CLUSTER_HOSTNAME", "", "address that peers use to reach the lighthouse (default: the bind address)"),
        new("Port", "--port", "CLUSTER_PORT", "4053", "Akka.Remote port"),
        new("Seeds", "--seeds", "CLUSTER_SEEDS", "", "other seeds, comma-separated; this lighthouse is always one"),
        new("CmdPort", "--cmd-port", "CMD_PORT", "9110", "endpoint of the ccm CLI"),
        new("CmdHost", "--cmd-host", "CMD_HOST", "127.0.0.1", CommandEndpointSettings.HostHelp),
        new("CmdToken", "--cmd-token", "CMD_TOKEN", "", CommandEndpointSettings.TokenHelp),
        .. TlsSettings.Definitions("none: plain TCP"),
    ];

    public string AdvertisedHost => PublicHost.Length > 0 ? PublicHost : Host;

    public SeedAddress Self(bool tls) => new(SeedAddress.ProtocolFor(tls), SystemName, AdvertisedHost, Port);

    /// <summary>Itself first, so that a lone lighthouse forms the cluster by joining itself.</summary>
    public IReadOnlyList<SeedAddress> SeedsWithSelf(bool tls)
    {
        var self = Self(tls);
        return [self, .. SeedAddress.ForTransport(Seeds, tls).Where(s => s != self)];
    }

    public static LighthouseSettings Parse(IReadOnlyList<string> args, IDictionary environment, string? appSettingsJson)
    {
        var values = SettingsReader.Read(Definitions, args, environment, appSettingsJson);

        var systemName = SettingParsers.Label(values["ActorSystem"], "actor system name");
        var host = SettingParsers.Host(values["Host"]);
        var publicHost = values["PublicHost"].Text.Length == 0 ? "" : SettingParsers.Host(values["PublicHost"]);
        SettingParsers.RequireDialableAddress(host, publicHost, "--public-host");

        var port = SettingParsers.Port(values["Port"]);
        var cmdPort = SettingParsers.Port(values["CmdPort"]);
        if (port == cmdPort)
            throw new SettingsException($"the cluster port and the command port ({port}) must differ");

        var cmdHost = SettingParsers.Host(values["CmdHost"]);
        var cmdToken = SettingParsers.CommandToken(values["CmdToken"], values["CmdHost"], cmdHost);

        var seeds = SettingParsers.Seeds(values["Seeds"], systemName);
        return new LighthouseSettings(systemName, host, publicHost, port, seeds,
            new CommandEndpointSettings(cmdHost, cmdPort, cmdToken), TlsSettings.Parse(values, defaultFolder: null));
    }
}
