using System.Text.Json;
using CommunityCluster.Core.Availability;

namespace CommunityCluster.Discovery;

/// <summary>
/// Keeps this home's <see cref="WeekModel"/> in <c>&lt;data&gt;/online-week.json</c> (about 4 KB):
/// at start the time since the file was last written is recorded as off, except what an announced
/// absence covered (a holiday is not a habit); then each <see cref="Tick"/> records the time since
/// the last as on and writes the file by replacing it, so a power cut loses at most one interval
/// and never leaves half a file. Not thread-safe: its owner (the profile publisher) is an actor.
/// </summary>
public sealed class WeekRecorder
{
    public const string FileName = "online-week.json";
    private const int Version = 1;

    /// <summary>A gap longer than this is recorded as this long: older weeks would have decayed away.</summary>
    private static readonly TimeSpan LongestGap = TimeSpan.FromDays(35);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _path;
    private readonly WeekClock _clock;
    private readonly WeekSchedule _offHours;
    private WeekModel _model = new();

    public WeekRecorder(string dataDirectory, WeekClock clock, WeekSchedule offHours)
    {
        _path = Path.Combine(dataDirectory, FileName);
        _clock = clock;
        _offHours = offHours;
    }

    public DateTimeOffset LastSeen { get; private set; }

    public DateTimeOffset? AbsentUntil { get; private set; }

    public WeekSchedule OffHours => _offHours;

    /// <summary>Loads the file and records the time the node was away; returns how long that was.</summary>
    public TimeSpan Start()
    {
        var now = _clock.Now;
        var stored = Load();
        _model = stored is null ? new WeekModel() : new WeekModel(stored.Week, stored.Online, stored.Observed);
        AbsentUntil = stored?.AbsentUntil is { } until && until > now ? until : null;
        var away = stored is null || stored.LastSeen > now ? TimeSpan.Zero : now - stored.LastSeen;

        if (stored is not null && away > TimeSpan.Zero)
        {
            var from = now - (away < LongestGap ? away : LongestGap);
            if (stored.AbsentUntil is { } announced && announced > from)
                from = announced < now ? announced : now;

            _model.Record(from, now, online: false);
        }

        LastSeen = now;
        Save();
        return away;
    }

    /// <summary>Records the time since the last tick as online and writes the file.</summary>
    public void Tick()
    {
        var now = _clock.Now;
        if (now > LastSeen)
            _model.Record(LastSeen, now, online: true);

        LastSeen = now;
        Save();
    }

    /// <summary>An announced absence: until then, the node's time away teaches the model nothing.</summary>
    public void Announce(DateTimeOffset until)
    {
        AbsentUntil = until;
        Tick();
    }

    public WeekProfile Profile() => _model.Profile(_clock.Now, _offHours);

    private StoredWeek? Load()
    {
        try
        {
            var stored = JsonSerializer.Deserialize<StoredWeek>(File.ReadAllBytes(_path), Json);
            return stored is { Version: Version } && stored.Online.Length == WeekSlots.Count
                && stored.Observed.Length == WeekSlots.Count ? stored : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void Save()
    {
        var stored = new StoredWeek(Version, _model.Week, [.. _model.OnlineHours], [.. _model.ObservedHours], LastSeen,
            AbsentUntil);
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temporary = _path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(stored, Json));
        File.Move(temporary, _path, overwrite: true);
    }

    /// <summary>The file's shape, version 1. A file of another version is ignored: the home starts neutral.</summary>
    private sealed record StoredWeek(
        int Version, long Week, double[] Online, double[] Observed, DateTimeOffset LastSeen,
        DateTimeOffset? AbsentUntil);
}
