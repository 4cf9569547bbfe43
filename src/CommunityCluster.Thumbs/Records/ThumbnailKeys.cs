using Akka.DistributedData;
using CommunityCluster.Hosting;

namespace CommunityCluster.Thumbs.Records;

/// <summary>
/// Thumbnail records live in 4096 durable keys chosen by the first three hex digits of the photo
/// id, like the manifests (DESIGN.md fact 5): at 100,000 photos about 25 records and 15 KB a key.
/// Worker statuses live in one small key that is not durable: live workers publish it again.
/// </summary>
public static class ThumbnailKeys
{
    public const string Prefix = DurableKeys.Prefix + "thumbs-";

    public static readonly LWWDictionaryKey<string, Routing.WorkerStatus> Workers = new("thumbs-workers");

    public static LWWDictionaryKey<string, ThumbnailRecord> For(string photoId) => new(Prefix + photoId[..3]);

    public static bool IsRecordKey(string keyId) =>
        keyId.StartsWith(Prefix, StringComparison.Ordinal) && keyId.Length == Prefix.Length + 3;

    public static LWWDictionaryKey<string, ThumbnailRecord> FromId(string keyId) => new(keyId);
}
