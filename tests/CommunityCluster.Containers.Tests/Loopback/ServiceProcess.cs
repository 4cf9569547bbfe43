using System.Net;
using System.Text.Json;
using CommunityCluster.Testing;

namespace CommunityCluster.Containers.Tests.Loopback;

/// <summary>
/// A compose service as a process: the published program that the image's ENTRYPOINT runs, with
/// exactly the environment of its <see cref="ServicePlan"/>, in a folder of its own.
/// </summary>
public sealed class ServiceProcess : ClusterProcess
{
    private readonly HttpClient? _http;

    public ServiceProcess(ServicePlan plan, string program, string folder) : base(plan.Name, program, folder)
    {
        Plan = plan;
        foreach (var (key, value) in plan.ProcessEnvironment)
            Environment[key] = value;

        // A node's API needs a member: every home gets the harness's first-admin password (the compose
        // file sets none, so a real compose community is given one the README's way) and signs in with it.
        if (plan.Image.Variable("HttpPort") is not null)
        {
            Environment[MemberCredentials.PasswordVariable] = MemberCredentials.AdminPassword;
            _http = new HttpClient(new MemberTokenHandler(() => MemberCredentials.AdminPassword))
            {
                BaseAddress = new Uri($"http://{LoopbackPlan.Loopback}:{plan.GalleryPort}"),
                Timeout = TimeSpan.FromSeconds(10),
            };
        }
    }

    public ServicePlan Plan { get; }

    public HttpClient Http => _http ?? throw new InvalidOperationException($"{Name} serves no HTTP");

    /// <summary>True once the member has logged itself Up (the lighthouse has no HTTP to ask).</summary>
    public bool LoggedItselfUp => LogText().Contains($"Member {Plan.Address} is up", StringComparison.Ordinal);

    public async Task<bool> IsReadyAsync()
    {
        if (!IsRunning)
            throw new ProcessExitedException($"{Name} exited; log tail:\n{LogTail(30)}");

        using var response = await Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        return response.StatusCode == HttpStatusCode.OK;
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"GET {path} on {Name} answered {(int)response.StatusCode}: {body}");

        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
