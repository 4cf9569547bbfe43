using System.Net;
using System.Text.Json;

namespace CommunityCluster.Testing;

/// <summary>
/// A node process on loopback with ports and a data folder of its own. Settings go through the
/// environment, as in a container; tests add flags through <see cref="ClusterProcess.Arguments"/>.
/// </summary>
public sealed class NodeProcess : ClusterProcess
{
    private readonly HttpClient _http;
    private readonly MemberTokenHandler _tokens;

    public NodeProcess(string name, string folder, string homeId, IEnumerable<string> seeds, string roles = "web,photos,thumbs,meta",
        string host = "127.0.0.1")
        : base(name, Binaries.Node, folder)
    {
        Host = host;
        Port = FreePorts.Next();
        HttpPort = FreePorts.Next();
        CmdPort = FreePorts.Next();
        DataDirectory = Path.Combine(folder, "data");
        Environment["CLUSTER_IP"] = host;
        Environment["CLUSTER_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Environment["HTTP_PORT"] = HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Environment["CMD_PORT"] = CmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Environment["HOME_ID"] = homeId;
        Environment["DATA_DIR"] = DataDirectory;
        Environment["CLUSTER_ROLES"] = roles;
        Environment["STORAGE_QUOTA"] = "1GB";
        Environment[MemberCredentials.PasswordVariable] = MemberCredentials.AdminPassword;

        // A killed node's replicas are repaired at once, as the specs written before placement
        // knew hours expect; specs of planned absence set their own grace.
        Environment["ABSENCE_GRACE"] = "0s";
        var seedList = string.Join(',', seeds);
        if (seedList.Length > 0)
            Environment["CLUSTER_SEEDS"] = seedList;

        // Signed in as the harness's admin (MemberCredentials); a test that needs a stranger makes its own client.
        _tokens = new MemberTokenHandler(() => AdminPassword);
        _http = new HttpClient(_tokens) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
    }

    public int Port { get; }

    public int HttpPort { get; }

    public int CmdPort { get; }

    public string DataDirectory { get; }

    public string Host { get; }

    /// <summary><c>akka.ssl.tcp</c> once <see cref="ClusterProcess.UseTls"/> gave it a certificate.</summary>
    public string Address => $"{Protocol}://community@{Host}:{Port}";

    public Uri BaseAddress => new($"http://{Host}:{HttpPort}");

    /// <summary>Signed in as the admin: every request but the health checks carries <see cref="ApiTokenAsync"/>.</summary>
    public HttpClient Http => _http;

    /// <summary>The admin's password the harness signs in with; a test that starts a node its own way may change it.</summary>
    public string AdminPassword { get; set; } = MemberCredentials.AdminPassword;

    /// <summary>The admin's API token at this node, for clients the harness does not make (ccm, a browser).</summary>
    public Task<string> ApiTokenAsync(CancellationToken cancel = default) => _tokens.TokenAsync(BaseAddress, cancel);

    public async Task<bool> IsReadyAsync()
    {
        using var response = await _http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        return response.StatusCode == HttpStatusCode.OK;
    }

    public Task WaitUntilReadyAsync(TimeSpan timeout) =>
        Eventually.Until(async () =>
        {
            if (!IsRunning)
                throw new ProcessExitedException($"{Name} exited while starting; log tail:\n{LogTail(30)}");
            return await IsReadyAsync();
        }, timeout, $"{Name} to be ready");

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"GET {path} on {Name} answered {(int)response.StatusCode}: {body}");

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>True when this node lists every one of the addresses as a member Up and reachable.</summary>
    public async Task<bool> SeesAllUpAsync(IReadOnlyCollection<string> addresses)
    {
        var members = await MembersAsync();
        return addresses.All(a => members.Any(m => m.Address == a && m.Status == "Up" && m.Reachable));
    }

    /// <summary>Addresses of the members this node lists, with their status and reachability.</summary>
    public async Task<IReadOnlyList<(string Address, string Status, bool Reachable)>> MembersAsync()
    {
        var json = await GetJsonAsync("/api/cluster/members");
        return json.GetProperty("members").EnumerateArray()
            .Select(m => (m.GetProperty("address").GetString()!, m.GetProperty("status").GetString()!, m.GetProperty("reachable").GetBoolean()))
            .ToList();
    }
}

/// <summary>Thrown when a process that a test waits on has already died.</summary>
public sealed class ProcessExitedException(string message) : InvalidOperationException(message);
