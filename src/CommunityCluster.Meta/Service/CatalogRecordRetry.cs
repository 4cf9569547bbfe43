using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace CommunityCluster.Meta.Service;

/// <summary>
/// Records a stored photo in the catalog, and tries again in the background when the local
/// replicator did not answer in time. On a starved box (the soak's finding 6) the first write
/// can time out while the photo's bytes are safely stored; without a retry the photo would be
/// stored but missing from the gallery until someone uploaded it again. Each timeout is a
/// warning; only the last one, with no retry left, is an error.
/// </summary>
public static class CatalogRecordRetry
{
    /// <summary>About four minutes in all: a starved box recovers well within that.</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultDelays =
        [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120)];

    /// <summary>
    /// Runs the first attempt now. The answer is that attempt's reply, or null when it timed out,
    /// and the retries left running in the background (a test awaits them; the product does not).
    /// </summary>
    public static async Task<(ICatalogMessage? Reply, Task Retries)> RecordAsync(
        Func<Task<ICatalogMessage>> record, string photoId, ILogger log, IReadOnlyList<TimeSpan>? delays = null)
    {
        try
        {
            return (await record(), Task.CompletedTask);
        }
        catch (AskTimeoutException)
        {
            log.LogWarning("Photo {PhotoId} is stored; its catalog record timed out and is retried in the background",
                photoId);
            return (null, RetryAsync(record, photoId, log, delays ?? DefaultDelays));
        }
    }

    private static async Task RetryAsync(
        Func<Task<ICatalogMessage>> record, string photoId, ILogger log, IReadOnlyList<TimeSpan> delays)
    {
        for (var attempt = 0; attempt < delays.Count; attempt++)
        {
            await Task.Delay(delays[attempt]);
            try
            {
                var reply = await record();
                log.LogInformation("Photo {PhotoId}: catalog record written on retry {Attempt} ({Reply})", photoId,
                    attempt + 1, reply.GetType().Name);
                return;
            }
            catch (Exception e) when (e is AskTimeoutException && attempt < delays.Count - 1)
            {
                log.LogWarning("Photo {PhotoId}: catalog record retry {Attempt} timed out", photoId, attempt + 1);
            }
            catch (Exception e) when (e is AskTimeoutException or InvalidOperationException)
            {
                log.LogError(e, "Photo {PhotoId} is stored but its catalog record could not be written after {Attempts} "
                    + "retries; uploading the same file again records it", photoId, attempt + 1);
                return;
            }
        }
    }
}
