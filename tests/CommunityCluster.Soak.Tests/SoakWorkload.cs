using CommunityCluster.Testing;

namespace CommunityCluster.Soak.Tests;

/// <summary>
/// What the community's members do meanwhile: upload a fresh photo to a home, then read two
/// acknowledged photos back from homes drawn at random, one after the other until the end. A home
/// with a fault on it is skipped (a frozen box answers nobody); a failed read of a photo starts
/// its unreadable time, which the next good read of it ends.
/// </summary>
public sealed class SoakWorkload(SoakCommunity community, SoakInjector injector, SoakJournal journal,
    SoakFigures figures, SoakPhotos photos, Random random)
{
    private static readonly TimeSpan UploadWithin = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ReadWithin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(500);
    private readonly List<string> _ids = [];

    public async Task RunAsync(DateTime until)
    {
        for (var round = 1; DateTime.UtcNow < until && round < 1_000_000; round++)
        {
            await UploadAsync(round);
            await ReadAsync();
            await ReadAsync();

            // The schedule's pace, not a wait for a condition: members do not upload nonstop.
            await Task.Delay(Pace);
        }
    }

    private async Task UploadAsync(int round)
    {
        var photo = photos.Next();
        var home = Draw();
        if (home is null)
            return;

        try
        {
            if (await SoakHttp.UploadAsync(home, photo, UploadWithin))
            {
                figures.UploadAcknowledged(photo.Id, photo.Path);
                _ids.Add(photo.Id);
                if (round % 25 == 0)
                    journal.Write($"workload: {figures.UploadsAcknowledged} uploads acknowledged, "
                        + $"{figures.ReadsOk} good reads");
                return;
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // Counted below: an upload that was not acknowledged promised nothing.
        }

        figures.UploadFailed();
        journal.Write($"upload of {photo.Name} to {home.Name} was not acknowledged");
    }

    private async Task ReadAsync()
    {
        if (_ids.Count == 0)
            return;

        var id = _ids[random.Next(_ids.Count)];
        var home = Draw();
        if (home is null)
            return;

        try
        {
            if (await SoakHttp.DownloadHashAsync(home, id, ReadWithin) == id)
            {
                figures.ReadSucceeded(id);
                return;
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            // A failed read, counted below.
        }

        figures.ReadFailed(id);
        journal.Write($"read of {id[..12]} from {home.Name} failed");
    }

    /// <summary>A home drawn at random, or null when the drawn one has a fault on it (the draw still counts).</summary>
    private NodeProcess? Draw()
    {
        var index = random.Next(community.Homes.Count);
        return injector.IsBusy(index) || !community.Homes[index].IsRunning ? null : community.Homes[index];
    }
}
