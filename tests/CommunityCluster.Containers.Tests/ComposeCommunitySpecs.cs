using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using CommunityCluster.Containers.Tests.Loopback;
using CommunityCluster.Testing;
using Xunit.Abstractions;

namespace CommunityCluster.Containers.Tests;

/// <summary>
/// docker/compose.yaml brought up as processes of the published binaries, with the environment,
/// ports and volumes compose gives each service (DESIGN.md fact 8): the community forms, every
/// home sees every home with the home id and roles compose gave it, and a home stopped as
/// <c>docker stop</c> stops it leaves gracefully and exits 0 within docker's grace period.
/// </summary>
public sealed class ComposeCommunitySpecs(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(40);

    /// <summary><c>docker stop</c> sends SIGKILL this long after SIGTERM unless told otherwise.</summary>
    private static readonly TimeSpan DockerStopGrace = TimeSpan.FromSeconds(10);

    private readonly TestFolder _folder = new(nameof(ComposeCommunitySpecs));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Compose_community_should_form_with_every_home_listing_every_home_as_compose_declares_it()
    {
        await using var community = await ComposedCommunity.StartAsync(_folder, ReadyWithin);
        var expected = community.Homes
            .Select(h => (h.Plan.Address, Home: h.Plan.ContainerEnvironment["HOME_ID"], Roles: Split(h.Plan.ContainerEnvironment["CLUSTER_ROLES"])))
            .ToList();
        var lighthouse = community["lighthouse"];

        foreach (var home in community.Homes)
        {
            var members = await Eventually.Until(() => home.GetJsonAsync("/api/cluster/members"),
                json => expected.All(e => ListsHome(json, e.Address, e.Home, e.Roles)) && ListsMemberUp(json, lighthouse.Plan.Address),
                TimeSpan.FromSeconds(20), $"{home.Name} to list every home Up with its compose HOME_ID and roles, and the lighthouse",
                json => json.ToString());
            output.WriteLine($"{home.Name} (gallery on {home.Plan.GalleryPort}) lists {members.GetProperty("members").GetArrayLength()} members");
        }

        foreach (var home in community.Homes)
        {
            var (exitCode, said) = await ComposedCommunity.RunHealthCheckAsync(home);
            Assert.True(exitCode == 0, $"the image's HEALTHCHECK on {home.Name} exited {exitCode}: {said}");
        }
    }

    [Fact]
    public async Task Compose_home_should_leave_gracefully_and_exit_0_on_sigterm_within_docker_stop_grace()
    {
        await using var community = await ComposedCommunity.StartAsync(_folder, ReadyWithin);
        var leaver = community.Homes[^1];
        var stayers = community.Homes.Take(community.Homes.Count - 1).ToList();
        var everyone = community.Services.Select(s => s.Plan.Address).ToList();
        foreach (var home in community.Homes)
            await Eventually.Until(() => home.GetJsonAsync("/api/cluster/members"), json => everyone.All(a => ListsMemberUp(json, a)),
                TimeSpan.FromSeconds(20), $"{home.Name} to see all {everyone.Count} members Up", json => json.ToString());

        var clock = Stopwatch.StartNew();
        var exitCode = await leaver.StopGracefullyAsync(TimeSpan.FromSeconds(30));
        var stoppedAfter = clock.Elapsed;

        output.WriteLine($"{leaver.Name}: SIGTERM to exit {exitCode} in {stoppedAfter.TotalSeconds:0.00} s in a community of {community.Homes.Count} homes");
        Assert.Equal(0, exitCode);
        Assert.True(stoppedAfter < DockerStopGrace, $"{leaver.Name} took {stoppedAfter} to exit; docker stop would SIGKILL it after {DockerStopGrace}");
        foreach (var process in stayers.Append(community["lighthouse"]))
        {
            await Eventually.Until(() => process.LogText().Contains($"Member {leaver.Plan.Address} was removed", StringComparison.Ordinal),
                TimeSpan.FromSeconds(15), $"{process.Name} to log the removal of {leaver.Name}");
            Assert.DoesNotContain($"Member {leaver.Plan.Address} is unreachable", process.LogText(), StringComparison.Ordinal);
        }

        var (healthAfterStop, said) = await ComposedCommunity.RunHealthCheckAsync(leaver);
        Assert.True(healthAfterStop == 1, $"the HEALTHCHECK of a stopped home must exit 1, got {healthAfterStop}: {said}");
    }

    /// <summary>
    /// Issue 7's "a photo uploaded on one home is viewable on another", over the compose community:
    /// uploaded on a home that shares disk, read on a home that only shares CPU (it holds no chunk,
    /// so every byte crosses from another home).
    /// </summary>
    [SharedDataFact]
    public async Task Compose_home_should_serve_a_photo_uploaded_on_another_home()
    {
        await using var community = await ComposedCommunity.StartAsync(_folder, ReadyWithin);
        var uploader = community.Homes.First(h => Split(h.Plan.ContainerEnvironment["CLUSTER_ROLES"]).Contains("photos"));
        var viewer = community.Homes.Last(h => !Split(h.Plan.ContainerEnvironment["CLUSTER_ROLES"]).Contains("photos"));
        var photo = await File.ReadAllBytesAsync(SharedData.Photo("ianare_Canon_40D.jpg"));

        using var form = new MultipartFormDataContent();
        using var file = new ByteArrayContent(photo);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "canon-40d.jpg");
        using var upload = await uploader.Http.PostAsync(new Uri("/api/photos", UriKind.Relative), form);
        var answer = await upload.Content.ReadAsStringAsync();
        Assert.True(upload.IsSuccessStatusCode, $"POST /api/photos on {uploader.Name} answered {(int)upload.StatusCode}: {answer}");
        var id = UploadedPhotoId(JsonDocument.Parse(answer).RootElement);

        var served = await Eventually.Until(async () =>
            {
                using var response = await viewer.Http.GetAsync(new Uri($"/api/photos/{id}/original", UriKind.Relative));
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsByteArrayAsync() : null;
            },
            bytes => bytes is not null, TimeSpan.FromSeconds(30), $"{viewer.Name} to serve the photo uploaded on {uploader.Name}");
        Assert.Equal(SHA256.HashData(photo), SHA256.HashData(served!));
    }

    /// <summary>The photo id of a one-file upload (PhotoHub answers <c>{ photos: [ { id, ... } ] }</c>).</summary>
    private static string UploadedPhotoId(JsonElement answer) =>
        answer.GetProperty("photos")[0].GetProperty("id").GetString()!;

    private static HashSet<string> Split(string roles) =>
        roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    private static bool ListsMemberUp(JsonElement json, string address) =>
        json.GetProperty("members").EnumerateArray().Any(m =>
            m.GetProperty("address").GetString() == address && m.GetProperty("status").GetString() == "Up" && m.GetProperty("reachable").GetBoolean());

    private static bool ListsHome(JsonElement json, string address, string homeId, HashSet<string> roles) =>
        ListsMemberUp(json, address) && json.GetProperty("members").EnumerateArray().Any(m =>
            m.GetProperty("address").GetString() == address
            && m.TryGetProperty("profile", out var profile) && profile.ValueKind == JsonValueKind.Object
            && profile.GetProperty("homeId").GetString() == homeId
            && profile.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToHashSet().SetEquals(roles));
}
