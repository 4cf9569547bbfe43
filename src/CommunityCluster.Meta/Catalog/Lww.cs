namespace CommunityCluster.Meta.Catalog;

/// <summary>
/// A last-writer-wins register for one scalar field. The later timestamp wins; equal timestamps go
/// to the writer id that sorts last. A writer stamps max(now, current + 1), so an edit made after
/// seeing another always beats it, whatever the clocks say; only edits made without seeing each
/// other (two sides of a partition) are decided by the clocks of the homes that made them.
/// </summary>
/// <param name="Value">The field's value; default when never set.</param>
/// <param name="At">UTC ticks of the write; 0 when never set.</param>
/// <param name="By">The writer id (<see cref="WriterId"/>) of the replica that wrote it.</param>
public readonly record struct Lww<T>(T Value, long At, string By)
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000",
        Justification = "Lww<T>.Unset reads as what it is")]
    public static Lww<T> Unset => new(default!, 0, "");

    public bool IsSet => At > 0;

    public Lww<T> Set(T value, string writer, long nowTicks) => new(value, Math.Max(nowTicks, At + 1), writer);

    public Lww<T> Merge(Lww<T> other) =>
        other.At > At || (other.At == At && string.CompareOrdinal(other.By, By) > 0) ? other : this;
}
