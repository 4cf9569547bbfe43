using System.Collections;
using CommunityCluster.Core.Availability;
using CommunityCluster.Core.Storage;

namespace CommunityCluster.Core.Settings;

/// <summary>
/// Everything a node needs to start, as DESIGN.md section 4 lists it. Built only through
/// <see cref="Parse"/>, which throws <see cref="SettingsException"/> with one clear line.
/// </summary>
public sealed record NodeSettings(
    IReadOnlyList<SeedAddress> Seeds,
    string Host,
    string PublicHost,
    int Port,
    IReadOnlyList<string> Roles,
    string HomeId,
    string DataDirectory,
    ByteSize? StorageQuota,
    int HttpPort,
    CommandEndpointSettings CommandEndpoint,
    StoragePolicy Storage,
    ThumbsPolicy? Thumbs = null,
    WeekSchedule? OffHours = null,
    TlsSettings? Tls = null,
    bool LeaveAtOffHours = true)
{
    /// <summary>Where node-to-node TLS files are (plain TCP where this record was built without them).</summary>
    public TlsSettings TlsOrNone => Tls ?? TlsSettings.None;

    /// <summary>The hours this home announces it is off (none where this record was built without them).</summary>
    public WeekSchedule OffHoursOrNone => OffHours ?? WeekSchedule.None;

    /// <summary>The thumbnail settings (defaults where this record was built without them).</summary>
    public ThumbsPolicy ThumbsOrDefault => Thumbs ?? ThumbsPolicy.Default;

    public const string SystemName = "community";

    /// <summary>The quota when none is set: this much, or the free space if that is less.</summary>
    public static readonly ByteSize DefaultQuota = ByteSize.FromGigabytes(10);

    public static readonly IReadOnlyList<SettingDefinition> Definitions =
    [
        new("Seeds", "--seeds", "CLUSTER_SEEDS", "", "comma-separated seed addresses; none starts a community of one"),
        new("Host", "--host", "CLUSTER_IP", "127.0.0.1", "address to bind"),
        new("PublicHost", "--public-host", "CLUSTER_HOSTNAME", "", "address that peers use to reach this node (default: the bind address)"),
        new("Port", "--port", "CLUSTER_PORT", "4054", "Akka.Remote port"),
        new("Roles", "--roles", "CLUSTER_ROLES", "web,photos,thumbs,meta", "services this node runs"),
        new("Home", "--home", "HOME_ID", "", "the home (site) label used for replica spread (default: the machine name)"),
        new("Data", "--data", "DATA_DIR", "./data", "folder for chunks, the durable catalog and node identity"),
        new("StorageQuota", "--storage-quota", "STORAGE_QUOTA", "", "disk shared with the community, e.g. 20GB (default: 10 GB or the free space)"),
        new("HttpPort", "--http-port", "HTTP_PORT", "8080", "gallery, REST API and health"),
        new("CmdPort", "--cmd-port", "CMD_PORT", "9110", "endpoint of the ccm CLI"),
        new("CmdHost", "--cmd-host", "CMD_HOST", "127.0.0.1", CommandEndpointSettings.HostHelp),
        new("CmdToken", "--cmd-token", "CMD_TOKEN", "", CommandEndpointSettings.TokenHelp),
        new("ReplicationFactor", "--replication-factor", "REPLICATION_FACTOR", "3", "copies of each photo, on distinct homes first (same on every node)"),
        new("WriteQuorum", "--write-quorum", "WRITE_QUORUM", "2", "copies that must hold a photo before its upload is acknowledged"),
        new("MaxUploadSize", "--max-upload-size", "MAX_UPLOAD_SIZE", "500MB", "largest file accepted by an upload"),
        new("DeleteGrace", "--delete-grace", "DELETE_GRACE", "24h", "how long a deleted photo's chunks are kept before they are freed"),
        new("ThumbsRouting", "--thumbs-routing", "THUMBS_ROUTING", "latency-aware", "how thumbnail jobs pick a worker: latency-aware, round-robin or random"),
        new("ThumbsMaxPixels", "--thumbs-max-pixels", "THUMBS_MAX_PIXELS", "120000000", "most pixels a photo may declare to get thumbnails"),
        new("ThumbsReplicationFactor", "--thumbs-replication-factor", "THUMBS_REPLICATION_FACTOR", "2", "copies of each thumbnail (they can be rebuilt)"),
        new("UploadExpiry", "--upload-expiry", "UPLOAD_EXPIRY", "24h",
            "how long an unfinished resumable upload is kept after its last bytes arrived"),
        new("Placement", "--placement", "PLACEMENT", "coverage",
            "how replicas are placed: coverage (by the hours homes are on) or random"),
        new("AbsenceGrace", "--absence-grace", "ABSENCE_GRACE", "2h",
            "usual online hours a home may miss before its replicas are copied elsewhere"),
        new("OffHours", "--off-hours", "OFF_HOURS", "",
            "hours this home announces it is off, local time, e.g. 23:00-07:00; none: never off"),
        new("LeaveAtOffHours", "--leave-at-off-hours", "LEAVE_AT_OFF_HOURS", "true",
            "leave gracefully (exit 0) when the announced off hours begin: true or false"),
        new("RebalanceBandwidth", "--rebalance-bandwidth", "REBALANCE_BANDWIDTH", "32kB",
            "bytes a second the background rebalancer may move, community-wide (a quarter of a 1 Mbit/s uplink)"),
        new("RebalanceInterval", "--rebalance-interval", "REBALANCE_INTERVAL", "10m",
            "how often the rebalancer compares each photo's homes with what placement would choose now"),
        new("TimeScale", "--time-scale", "TIME_SCALE", "1",
            "how fast the week clock runs (tests: 1200 plays an hour in 3 s)"),
        .. TlsSettings.Definitions("DATA_DIR/tls"),
    ];

    /// <summary>The address peers dial: the public host when set, else the bind address.</summary>
    public string AdvertisedHost => PublicHost.Length > 0 ? PublicHost : Host;

    public string SelfAddress => $"akka.tcp://{SystemName}@{AdvertisedHost}:{Port}";

    public int CmdPort => CommandEndpoint.Port;

    public static NodeSettings Parse(
        IReadOnlyList<string> args, IDictionary environment, string? appSettingsJson, string machineName)
    {
        var values = SettingsReader.Read(Definitions, args, environment, appSettingsJson);

        var host = SettingParsers.Host(values["Host"]);
        var publicHost = values["PublicHost"].Text.Length == 0 ? "" : SettingParsers.Host(values["PublicHost"]);
        SettingParsers.RequireDialableAddress(host, publicHost, "--public-host");
        var port = SettingParsers.Port(values["Port"]);
        var httpPort = SettingParsers.Port(values["HttpPort"]);
        var cmdPort = SettingParsers.Port(values["CmdPort"]);
        RequireDistinctPorts(port, httpPort, cmdPort);

        var cmdHost = SettingParsers.Host(values["CmdHost"]);
        var cmdToken = SettingParsers.CommandToken(values["CmdToken"], values["CmdHost"], cmdHost);

        var home = values["Home"].Text.Length == 0
            ? SettingParsers.Label(new SettingValue(machineName, "machine name"), "home id")
            : SettingParsers.Label(values["Home"], "home id");

        var dataDirectory = ParseDataDirectory(values["Data"]);
        return new NodeSettings(
            SettingParsers.Seeds(values["Seeds"], SystemName),
            host,
            publicHost,
            port,
            ParseRoles(values["Roles"]),
            home,
            dataDirectory,
            ParseQuota(values["StorageQuota"]),
            httpPort,
            new CommandEndpointSettings(cmdHost, cmdPort, cmdToken),
            ParseStoragePolicy(values),
            ParseThumbsPolicy(values),
            ParseOffHours(values["OffHours"]),
            TlsSettings.Parse(values, Path.Combine(dataDirectory, Security.TlsFiles.DataSubfolder)),
            ParseSwitch(values["LeaveAtOffHours"]));
    }

    private static bool ParseSwitch(SettingValue value) => value.Text.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "1" => true,
        "false" or "no" or "0" => false,
        _ => throw new SettingsException($"{value.Origin}: '{value.Text}' is neither true nor false"),
    };

    private static WeekSchedule ParseOffHours(SettingValue value)
    {
        var offset = TimeZoneInfo.Local.GetUtcOffset(DateTimeOffset.UtcNow);
        if (!WeekSchedule.TryParse(value.Text, offset, out var schedule, out var error))
            throw new SettingsException($"{value.Origin}: {error}");

        return schedule;
    }

    private static ThumbsPolicy ParseThumbsPolicy(IReadOnlyDictionary<string, SettingValue> values)
    {
        var routing = values["ThumbsRouting"];
        var mode = routing.Text.Trim().ToLowerInvariant();
        if (!ThumbsPolicy.RoutingModes.Contains(mode))
            throw new SettingsException($"{routing.Origin}: unknown routing '{routing.Text}'; use {string.Join(", ", ThumbsPolicy.RoutingModes)}");

        var pixels = values["ThumbsMaxPixels"];
        if (!long.TryParse(pixels.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var maxPixels)
            || maxPixels < 1)
            throw new SettingsException($"{pixels.Origin}: '{pixels.Text}' is not a pixel count; write it like 120000000");

        return new ThumbsPolicy(mode, maxPixels, SettingParsers.Integer(values["ThumbsReplicationFactor"], 1, 9));
    }

    private static StoragePolicy ParseStoragePolicy(IReadOnlyDictionary<string, SettingValue> values)
    {
        var replication = SettingParsers.Integer(values["ReplicationFactor"], 1, 9);
        var quorum = SettingParsers.Integer(values["WriteQuorum"], 1, 9);
        if (quorum > replication)
            throw new SettingsException($"the write quorum ({quorum}) cannot exceed the replication factor ({replication})");

        if (!ByteSize.TryParse(values["MaxUploadSize"].Text, out var maxUpload))
            throw new SettingsException($"{values["MaxUploadSize"].Origin}: '{values["MaxUploadSize"].Text}' is not a size; write it like 500MB");

        var uploadExpiry = SettingParsers.Duration(values["UploadExpiry"]);
        if (uploadExpiry <= TimeSpan.Zero)
            throw new SettingsException($"{values["UploadExpiry"].Origin}: an upload expiry must be longer than zero");

        var placement = values["Placement"];
        if (!PlacementModes.TryParse(placement.Text, out var mode))
            throw new SettingsException($"{placement.Origin}: unknown placement '{placement.Text}'; "
                + $"use {string.Join(", ", PlacementModes.Names)}");

        var scale = values["TimeScale"];
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (!double.TryParse(scale.Text, System.Globalization.NumberStyles.Float, invariant, out var timeScale)
            || timeScale < 1 || timeScale > 100_000)
            throw new SettingsException($"{scale.Origin}: '{scale.Text}' is not a time scale from 1 to 100000");

        var bandwidth = values["RebalanceBandwidth"];
        if (!ByteSize.TryParse(bandwidth.Text, out var rebalanceBytes) || rebalanceBytes.Bytes < 1)
            throw new SettingsException($"{bandwidth.Origin}: '{bandwidth.Text}' is not a rate; write bytes a second "
                + "like 32kB");

        var rebalanceInterval = SettingParsers.Duration(values["RebalanceInterval"]);
        if (rebalanceInterval < TimeSpan.FromSeconds(1))
            throw new SettingsException($"{values["RebalanceInterval"].Origin}: a rebalance interval is 1s or longer");

        return new StoragePolicy(replication, quorum, maxUpload.Bytes, SettingParsers.Duration(values["DeleteGrace"]),
            mode, SettingParsers.Duration(values["AbsenceGrace"]), timeScale)
        {
            UploadExpiry = uploadExpiry,
            RebalanceBytesPerSecond = rebalanceBytes.Bytes,
            RebalanceInterval = rebalanceInterval,
        };
    }

    private static void RequireDistinctPorts(int port, int httpPort, int cmdPort)
    {
        if (port == httpPort || port == cmdPort || httpPort == cmdPort)
            throw new SettingsException(
                $"the cluster port ({port}), HTTP port ({httpPort}) and command port ({cmdPort}) must differ");
    }

    private static List<string> ParseRoles(SettingValue value)
    {
        var roles = value.Text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToLowerInvariant())
            .Distinct()
            .ToList();

        var unknown = roles.FirstOrDefault(r => !ServiceRole.All.Contains(r));
        if (unknown is not null)
            throw new SettingsException(
                $"{value.Origin}: unknown role '{unknown}'; roles are {string.Join(", ", ServiceRole.All)}");

        if (roles.Count == 0)
            throw new SettingsException($"{value.Origin}: at least one role is needed ({string.Join(", ", ServiceRole.All)})");

        return roles;
    }

    private static string ParseDataDirectory(SettingValue value)
    {
        if (string.IsNullOrWhiteSpace(value.Text))
            throw new SettingsException($"{value.Origin}: the data folder cannot be empty");

        return Path.GetFullPath(value.Text);
    }

    private static ByteSize? ParseQuota(SettingValue value)
    {
        if (value.Text.Length == 0)
            return null;

        if (!ByteSize.TryParse(value.Text, out var quota))
            throw new SettingsException($"{value.Origin}: '{value.Text}' is not a size; write it like 20GB or 512MiB");

        return quota;
    }
}
