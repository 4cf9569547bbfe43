using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommunityCluster.Ccm.Import;

/// <summary>What became of one file of the folder.</summary>
public enum ImportOutcome
{
    /// <summary>Its bytes were sent (all, or the rest of an earlier run's) and the node stored it.</summary>
    Imported,

    /// <summary>The community already held these bytes (or an earlier file of this run had them).</summary>
    Present,

    /// <summary>Not sent on purpose: not a photo, empty, too large, unreadable.</summary>
    Skipped,

    /// <summary>Meant to be sent but the node refused it, or it changed while being read.</summary>
    Failed,

    /// <summary>The run ended (node gone, Ctrl-C) before this file's turn came; a re-run takes it.</summary>
    NotDone,
}

/// <summary>One line of the report: a file, its outcome, and why.</summary>
public sealed record ImportEntry(string Path, long Size, ImportOutcome Outcome, string? Reason, string? Id,
    long BytesSent = 0, long ResumedAt = 0);

/// <summary>
/// The report of one run, kept per file as files finish (several at once), written as JSON to the
/// report file and summed up for the terminal.
/// </summary>
public sealed class ImportReport(string folder, string node)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerOptions.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly ConcurrentDictionary<string, ImportEntry> _entries = new(StringComparer.Ordinal);

    public string Folder { get; } = folder;

    public string Node { get; } = node;

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public string? Album { get; set; }

    public string? Stopped { get; set; }

    public IReadOnlyList<ImportEntry> Entries => _entries.Values.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();

    public void Record(ImportEntry entry) => _entries[entry.Path] = entry;

    public bool Has(string path) => _entries.ContainsKey(path);

    public int Count(ImportOutcome outcome) => _entries.Values.Count(e => e.Outcome == outcome);

    public long BytesSent => _entries.Values.Sum(e => e.BytesSent);

    public bool Succeeded => Stopped is null && Count(ImportOutcome.Failed) == 0 && Count(ImportOutcome.NotDone) == 0;

    public string ToJson() => JsonSerializer.Serialize(new
    {
        folder = Folder,
        node = Node,
        album = Album,
        startedAt = StartedAt,
        seconds = Math.Round((DateTimeOffset.UtcNow - StartedAt).TotalSeconds, 1),
        stopped = Stopped,
        imported = Count(ImportOutcome.Imported),
        present = Count(ImportOutcome.Present),
        skipped = Count(ImportOutcome.Skipped),
        failed = Count(ImportOutcome.Failed),
        notDone = Count(ImportOutcome.NotDone),
        bytesSent = BytesSent,
        files = Entries,
    }, Options);

    /// <summary>The summary for people: the counts, then one line per file that was not imported or present.</summary>
    public void WriteSummary(TextWriter output, string reportPath)
    {
        var elapsed = DateTimeOffset.UtcNow - StartedAt;
        output.WriteLine(
            $"imported {Count(ImportOutcome.Imported)}, already present {Count(ImportOutcome.Present)}, "
            + $"skipped {Count(ImportOutcome.Skipped)}, failed {Count(ImportOutcome.Failed)}"
            + (Count(ImportOutcome.NotDone) > 0 ? $", not done {Count(ImportOutcome.NotDone)}" : "")
            + $"; sent {ImportProgress.Bytes(BytesSent)} in {ImportProgress.Duration(elapsed)}");
        if (Stopped is not null)
            output.WriteLine($"stopped: {Stopped}");

        var notable = Entries.Where(e => e.Outcome is ImportOutcome.Skipped or ImportOutcome.Failed).ToList();
        if (notable.Count > 0)
            ViewRenderer.WriteTable(output, [new(""), new(""), new("")], notable
                .Select(e => (IReadOnlyList<string>)["  " + Label(e.Outcome), e.Path, e.Reason ?? ""]).ToList());

        output.WriteLine($"report: {reportPath}");
    }

    public static string Label(ImportOutcome outcome) => outcome switch
    {
        ImportOutcome.Imported => "imported",
        ImportOutcome.Present => "present",
        ImportOutcome.Skipped => "skipped",
        ImportOutcome.Failed => "failed",
        _ => "not done",
    };
}
