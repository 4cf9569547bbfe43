namespace CommunityCluster.Meta.Catalog;

/// <summary>
/// An observed-remove set (add wins over a concurrent remove), for a photo's albums and tags.
/// Each add leaves a dot (writer, counter) on its element and raises the set's context for that
/// writer; a remove drops the element's dots and keeps the context, so on merge a dot the other
/// side has seen but no longer holds stays removed, while a dot it has not seen (a concurrent add)
/// survives. The algorithm is Akka's ORSet; what differs is the writer: a stable id per replica's
/// durable folder (<see cref="WriterId"/>), not Akka's per-incarnation address, so the context has
/// one entry per home that ever edited the set however often homes restart, and no pruning of
/// removed nodes is needed, even for a home away for months (DESIGN.md fact 6).
/// </summary>
public sealed class DotSet : IEquatable<DotSet>
{
    public static readonly DotSet Empty = new([], []);

    internal DotSet(Dot[] dots, Clock[] context)
    {
        Dots = dots;
        Context = context;
    }

    /// <summary>Sorted by element, then writer, then counter.</summary>
    internal Dot[] Dots { get; }

    /// <summary>The highest counter seen from each writer, sorted by writer.</summary>
    internal Clock[] Context { get; }

    public int Count => Elements.Count();

    public IEnumerable<string> Elements
    {
        get
        {
            string? last = null;
            foreach (var dot in Dots)
            {
                if (last is not null && string.Equals(last, dot.Element, StringComparison.Ordinal))
                    continue;

                last = dot.Element;
                yield return dot.Element;
            }
        }
    }

    public bool Contains(string element) => Array.Exists(Dots, d => string.Equals(d.Element, element,
        StringComparison.Ordinal));

    /// <summary>Adds (or re-adds) an element with a counter above anything this writer stamped on this set.</summary>
    public DotSet Add(string element, string writer, long nowTicks)
    {
        var counter = Math.Max(CounterOf(writer) + 1, nowTicks);
        var dots = Dots.Where(d => !string.Equals(d.Element, element, StringComparison.Ordinal))
            .Append(new Dot(element, writer, counter));
        var context = Context.Where(c => !string.Equals(c.Writer, writer, StringComparison.Ordinal))
            .Append(new Clock(writer, counter));
        return new DotSet(Sorted(dots), Sorted(context));
    }

    public DotSet Remove(string element) =>
        Contains(element)
            ? new DotSet([.. Dots.Where(d => !string.Equals(d.Element, element, StringComparison.Ordinal))], Context)
            : this;

    public DotSet Merge(DotSet other)
    {
        if (ReferenceEquals(this, other) || Equals(other))
            return this;

        var dots = Dots.Where(d => Array.IndexOf(other.Dots, d) >= 0 || !other.Covers(d))
            .Concat(other.Dots.Where(d => Array.IndexOf(Dots, d) < 0 && !Covers(d)));
        var context = Context.Concat(other.Context)
            .GroupBy(c => c.Writer, StringComparer.Ordinal)
            .Select(g => new Clock(g.Key, g.Max(c => c.Counter)));
        return new DotSet(Sorted(dots), Sorted(context));
    }

    public bool Equals(DotSet? other) =>
        other is not null && (ReferenceEquals(this, other) || (Dots.AsSpan().SequenceEqual(other.Dots)
            && Context.AsSpan().SequenceEqual(other.Context)));

    public override bool Equals(object? obj) => Equals(obj as DotSet);

    public override int GetHashCode() => HashCode.Combine(Dots.Length, Context.Length, Dots.FirstOrDefault());

    public override string ToString() => "{" + string.Join(", ", Elements) + "}";

    internal static DotSet FromParts(IEnumerable<Dot> dots, IEnumerable<Clock> context)
    {
        var sortedDots = Sorted(dots);
        var sortedContext = Sorted(context);
        return sortedDots.Length == 0 && sortedContext.Length == 0 ? Empty : new DotSet(sortedDots, sortedContext);
    }

    private long CounterOf(string writer)
    {
        foreach (var clock in Context)
        {
            if (string.Equals(clock.Writer, writer, StringComparison.Ordinal))
                return clock.Counter;
        }

        return 0;
    }

    private bool Covers(Dot dot) => CounterOf(dot.Writer) >= dot.Counter;

    private static Dot[] Sorted(IEnumerable<Dot> dots) =>
        [.. dots.Distinct().OrderBy(d => d.Element, StringComparer.Ordinal).ThenBy(d => d.Writer,
            StringComparer.Ordinal)
            .ThenBy(d => d.Counter)];

    private static Clock[] Sorted(IEnumerable<Clock> context) => [.. context.OrderBy(c => c.Writer,
        StringComparer.Ordinal)];

    /// <summary>One add of <paramref name="Element"/> by <paramref name="Writer"/>.</summary>
    internal readonly record struct Dot(string Element, string Writer, long Counter);

    /// <summary>The highest counter of <paramref name="Writer"/> that this set has seen.</summary>
    internal readonly record struct Clock(string Writer, long Counter);
}
