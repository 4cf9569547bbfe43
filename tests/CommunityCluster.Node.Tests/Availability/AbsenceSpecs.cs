using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityCluster.Core.Availability;
using CommunityCluster.Testing;
using Xunit.Abstractions;

namespace CommunityCluster.Node.Tests.Availability;

/// <summary>
/// A home's absences on real processes: the community page's sleep control
/// (<c>POST /api/community/sleep</c>) and leaving by itself when its announced off hours begin. In
/// both the absence reaches the other home before the node leaves, and the node exits 0.
/// </summary>
public sealed class AbsenceSpecs(ITestOutputHelper output) : IDisposable
{
    /// <summary>An hour of week time in 30 s: an off window starts two minutes or so after the start.</summary>
    private const double TimeScale = 120;

    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(60);
    private readonly TestFolder _folder = new(nameof(AbsenceSpecs));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Sleep_route_should_refuse_bad_input_clearly_then_announce_leave_and_exit_0()
    {
        await using var community = await LocalCommunity.StartAsync(_folder, 2, ReadyWithin);
        var (peer, sleeper) = (community.Nodes[0], community.Nodes[1]);

        var missing = await PostAsync(sleeper, new { });
        var words = await PostAsync(sleeper, new { until = "tomorrow" });
        var past = await PostAsync(sleeper, new { until = "2020-01-01T00:00Z" });
        var tooLong = await PostAsync(sleeper, new { until = "40d" });
        var accepted = await PostAsync(sleeper, new { until = "2h" });

        Assert.All(new[] { missing, words, past, tooLong }, r => Assert.Equal(HttpStatusCode.BadRequest, r.Status));
        Assert.Contains("a duration (8h, 90m, 2d) or a date-time", Detail(words));
        Assert.Contains("in the future", Detail(past));
        Assert.Contains("at most 30 days", Detail(tooLong));
        Assert.Equal(HttpStatusCode.Accepted, accepted.Status);
        Assert.True(accepted.Body.GetProperty("majority").GetBoolean(), $"{accepted.Body}");
        Assert.Equal(0, await sleeper.WaitForExitAsync(ExitWithin));
        var until = accepted.Body.GetProperty("until").GetDateTimeOffset();
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromHours(1.9), TimeSpan.FromHours(2));
        Assert.Equal(until, await AbsentUntilAsync(peer, "home-2"));
    }

    [Fact]
    public async Task Node_should_leave_by_itself_when_its_announced_off_hours_begin_and_exit_0()
    {
        // The window opens four hours of week time (2 to 2.5 minutes) from now: the node is on before it.
        var clock = new WeekClock(TimeScale);
        var opens = WeekSlots.SlotStart(clock.Now) + TimeSpan.FromHours(4);
        var closes = opens + TimeSpan.FromHours(2);
        await using var community = await LocalCommunity.StartAsync(_folder, 2, ReadyWithin, node =>
        {
            node.Environment["TIME_SCALE"] = TimeScale.ToString(CultureInfo.InvariantCulture);
            node.Environment["TZ"] = "UTC";
            if (node.Name == "node-2")
                node.Environment["OFF_HOURS"] = $"{opens:HH}:00-{closes:HH}:00";
        });
        var (peer, leaver) = (community.Nodes[0], community.Nodes[1]);
        Assert.True(clock.Now < opens, $"the node was ready at {clock.Now}, after its window opened at {opens}");
        var exitCode = await leaver.WaitForExitAsync(clock.ToWallClock(opens - clock.Now) + ExitWithin);

        output.WriteLine($"off {leaver.Environment["OFF_HOURS"]}; exited at {clock.Now} with {exitCode}");
        Assert.Equal(0, exitCode);
        Assert.True(clock.Now >= opens, $"left at {clock.Now}, before its window opened at {opens}");
        Assert.Contains("announced off hours begin", leaver.LogText(), StringComparison.Ordinal);
        Assert.Equal(closes, await AbsentUntilAsync(peer, "home-2"));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(NodeProcess node, object body)
    {
        using var response = await node.Http.PostAsJsonAsync(new Uri("/api/community/sleep", UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string Detail((HttpStatusCode Status, JsonElement Body) answer) =>
        answer.Body.GetProperty("detail").GetString() ?? "";

    private static Task<DateTimeOffset?> AbsentUntilAsync(NodeProcess node, string homeId) =>
        Eventually.Until(async () =>
            {
                var weeks = await node.GetJsonAsync("/api/community/weeks");
                var home = weeks.GetProperty("homes").EnumerateArray().Single(h => h.GetProperty("homeId").GetString() == homeId);
                return home.GetProperty("absentUntil").ValueKind == JsonValueKind.Null
                    ? (DateTimeOffset?)null
                    : home.GetProperty("absentUntil").GetDateTimeOffset();
            }, until => until is not null, ReadyWithin, $"{homeId}'s absence to reach {node.Name}");
}
