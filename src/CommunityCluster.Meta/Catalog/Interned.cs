using System.Collections.Concurrent;

namespace CommunityCluster.Meta.Catalog;

/// <summary>
/// One instance per distinct short string that recurs across records (writer ids, content types,
/// camera makes, models and lenses, uploaders): 100,000 records from a dozen cameras then hold a
/// dozen strings, not 300,000. Bounded, so hostile input cannot grow it without end.
/// </summary>
internal static class Interned
{
    private const int MaxEntries = 20_000;
    private const int MaxLength = 100;

    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);

    public static string Of(string value)
    {
        if (value.Length > MaxLength)
            return value;
        if (Pool.TryGetValue(value, out var pooled))
            return pooled;

        return Pool.Count < MaxEntries ? Pool.GetOrAdd(value, value) : value;
    }

    public static string? OfNullable(string? value) => value is null ? null : Of(value);
}
