namespace CommunityCluster.Ccm.Import;

/// <summary>
/// <c>ccm photos import</c>: the one palette that ccm serves itself, since it works on the
/// operator's files and sends them through a node's REST API rather than its command endpoint.
/// Exit codes as for every command: 0 every file imported, present or skipped with a reason;
/// 1 some file failed or the run was interrupted; 2 bad arguments or folder; 3 the node cannot be
/// reached or stopped answering (what was done is kept; a re-run resumes).
/// </summary>
public static class ImportCommand
{
    public const string Palette = "photos";

    public static bool Handles(CcmOptions options) => options.Words.Count > 0 && options.Words[0] == Palette;

    public static async Task<int> RunAsync(CcmOptions ccm, TextWriter output, TextWriter error,
        Func<string, string?> environment, CancellationToken cancel)
    {
        if (ccm.Help || ccm.Words.Count < 2)
        {
            WriteHelp(output);
            return ccm.Help ? CcmExitCodes.Success : CcmExitCodes.Usage;
        }

        if (ccm.Words[1] != "import")
            throw new CcmException(CcmExitCodes.Usage,
                $"unknown command '{ccm.Words[1]}' in palette '{Palette}'; its commands are import");

        var options = ImportOptions.Parse(ccm, DateTimeOffset.Now, environment);
        using var api = new NodeApi(options.Node, options.Timeout, options.ApiToken);
        var limits = await LimitsAsync(api, cancel);
        var files = LibraryScan.Walk(options.Folder, options.ReportPath);
        var report = new ImportReport(options.Folder, options.Node.ToString()) { Album = options.Album };
        var albumId = options.Album is null ? null : await AlbumAsync(api, options.Album, cancel);

        // Progress goes to stderr under --json, so that stdout holds the report alone.
        var progressOutput = options.Json ? error : output;
        var terminal = ReferenceEquals(progressOutput, Console.Out) && !Console.IsOutputRedirected;
        var progress = new ImportProgress(progressOutput, terminal, files.Count, files.Sum(f => f.Size));
        var importer = new PhotoImporter(options, api, limits, report, progress, new Pacer(options.MaxBytesPerSecond),
            albumId);

        var code = await RunImporterAsync(importer, files, report, cancel);
        progress.Complete();
        WriteReport(options, report, output, error);
        return code;
    }

    private static async Task<int> RunImporterAsync(PhotoImporter importer, IReadOnlyList<LibraryFile> files,
        ImportReport report, CancellationToken cancel)
    {
        var code = CcmExitCodes.Success;
        try
        {
            await importer.RunAsync(files, cancel);
        }
        catch (NodeUnreachableException e)
        {
            report.Stopped = e.Message;
            code = CcmExitCodes.Unreachable;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            report.Stopped = "interrupted";
        }

        foreach (var file in files.Where(f => !report.Has(f.RelativePath)))
            report.Record(new ImportEntry(file.RelativePath, file.Size, ImportOutcome.NotDone, report.Stopped, null));

        return code != CcmExitCodes.Success || report.Succeeded ? code : CcmExitCodes.Failed;
    }

    private static void WriteReport(ImportOptions options, ImportReport report, TextWriter output, TextWriter error)
    {
        var json = report.ToJson();
        try
        {
            File.WriteAllText(options.ReportPath, json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"ccm: error: the report could not be written to {options.ReportPath}: {e.Message}");
        }

        if (options.Json)
            output.WriteLine(json);
        else
            report.WriteSummary(output, options.ReportPath);
    }

    private static async Task<UploadLimits> LimitsAsync(NodeApi api, CancellationToken cancel)
    {
        try
        {
            return await api.LimitsAsync(cancel);
        }
        catch (NodeUnreachableException e)
        {
            throw new CcmException(CcmExitCodes.Unreachable, e.Message + " (is --node the node's HTTP port?)");
        }
        catch (NodeRefusedException e) when (e.Status == 401)
        {
            throw new CcmException(CcmExitCodes.Usage, $"{api.Node} needs a member's API token: set "
                + $"{ImportOptions.ApiTokenVariable} (POST /api/tokens makes one; README, Security) ({e.Message})");
        }
        catch (NodeRefusedException e)
        {
            throw new CcmException(CcmExitCodes.Unreachable,
                $"{api.Node} is not a CommunityCluster node that takes resumable uploads ({e.Message})");
        }
    }

    private static async Task<string> AlbumAsync(NodeApi api, string name, CancellationToken cancel)
    {
        try
        {
            return await api.AlbumAsync(name, cancel);
        }
        catch (NodeRefusedException e)
        {
            throw new CcmException(CcmExitCodes.Failed, $"the album '{name}' could not be found or made: {e.Message}");
        }
        catch (NodeUnreachableException e)
        {
            throw new CcmException(CcmExitCodes.Unreachable, e.Message);
        }
    }

    public static void WriteHelp(TextWriter output)
    {
        output.WriteLine("usage: ccm photos import <folder> [--album NAME] [--node HOST:PORT] [--parallel N] "
            + "[--max-rate RATE] [--report PATH] [--json]");
        output.WriteLine($"  with a member's API token in {ImportOptions.ApiTokenVariable} (or --api-token TOKEN)");
        output.WriteLine();
        output.WriteLine("Imports a folder tree of photos: hashes each file, asks the node which photos the");
        output.WriteLine("community already holds, and sends only the missing ones through resumable uploads.");
        output.WriteLine("Run it again after an interruption: it sends nothing twice and continues inside a file.");
        output.WriteLine();
        ViewRenderer.WriteTable(output, [new(""), new("")],
            ImportOptions.Help.Select(h => (IReadOnlyList<string>)["  " + h.Option, h.Meaning]).ToList());
    }
}
