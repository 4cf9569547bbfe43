using CommunityCluster.Node.Startup;
using CommunityCluster.Photos.Upload;

namespace CommunityCluster.Node.Web;

public static class ResumableUploadHosting
{
    /// <summary>The unfinished uploads under <c>&lt;data&gt;/tmp/resumable</c> and their expiry sweeper.</summary>
    public static IServiceCollection AddResumableUploads(this IServiceCollection services, ResolvedNodeSettings node)
    {
        services.AddSingleton(new PartialUploadStore(Path.Combine(node.Settings.DataDirectory, "tmp", "resumable")));
        services.AddHostedService<UploadExpirySweeper>();
        return services;
    }
}

/// <summary>
/// Removes unfinished uploads that received nothing for <c>--upload-expiry</c>, checking a few
/// times per expiry period (at most once a minute, at least once a second).
/// </summary>
public sealed class UploadExpirySweeper(PartialUploadStore store, ResolvedNodeSettings node,
    ILogger<UploadExpirySweeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var expiry = node.Settings.Storage.UploadExpiry;
        var period = TimeSpan.FromTicks(Math.Clamp(expiry.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
        using var timer = new PeriodicTimer(period);
        do
        {
            try
            {
                foreach (var upload in store.Expire(DateTimeOffset.UtcNow, expiry))
                    log.LogInformation("Upload {UploadId} of photo {PhotoId} expired after {Expiry} without bytes",
                        upload.UploadId, upload.PhotoId, expiry);
            }
            catch (IOException e)
            {
                log.LogWarning("Sweeping expired uploads failed, trying again next time: {Reason}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
