using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace CommunityCluster.Meta.Query;

/// <summary>
/// Where a page ended: the sort key (taken-at, id) of its last photo, as opaque base64url. A page
/// after a cursor starts strictly after that key, so photos added meanwhile never shift it: new
/// photos newer than the cursor are not repeated and none older is skipped.
/// </summary>
public static class PhotoCursor
{
    private const string Version = "c1";

    public static string Encode(SortKey key) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Version}:{key.TakenTicks.ToString(CultureInfo.InvariantCulture)}:{key.PhotoId}"));

    public static bool TryDecode(string? cursor, out SortKey key)
    {
        key = default;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 200)
            return false;

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(cursor);
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(bytes).Split(':');
        if (parts.Length != 3 || parts[0] != Version
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTime.MaxValue.Ticks || !IsPhotoId(parts[2]))
            return false;

        key = new SortKey(ticks, parts[2]);
        return true;
    }

    private static bool IsPhotoId(string id) =>
        id.Length == 64 && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}

/// <summary>The gallery's order: newest taken first (by the local clock time of the capture), then by id.</summary>
public readonly record struct SortKey(long TakenTicks, string PhotoId) : IComparable<SortKey>
{
    public int CompareTo(SortKey other)
    {
        var order = other.TakenTicks.CompareTo(TakenTicks);
        return order != 0 ? order : string.CompareOrdinal(PhotoId, other.PhotoId);
    }

    public static bool operator <(SortKey left, SortKey right) => left.CompareTo(right) < 0;

    public static bool operator <=(SortKey left, SortKey right) => left.CompareTo(right) <= 0;

    public static bool operator >(SortKey left, SortKey right) => left.CompareTo(right) > 0;

    public static bool operator >=(SortKey left, SortKey right) => left.CompareTo(right) >= 0;
}
