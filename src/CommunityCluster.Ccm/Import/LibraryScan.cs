using System.Security.Cryptography;
using CommunityCluster.Metadata;

namespace CommunityCluster.Ccm.Import;

/// <summary>A file of the folder tree: where it is, and its path relative to the folder (what people read).</summary>
public sealed record LibraryFile(string FullPath, string RelativePath, long Size);

/// <summary>A file looked at: its photo id, or why it is not sent.</summary>
public sealed record Classified(LibraryFile File, string? Id, string? SkipReason);

/// <summary>
/// Finds the files of a folder tree and tells, by content, which are photos, hashing those. The
/// order is the relative path's, so runs and reports line up. Hidden files and folders (a leading
/// dot: thumbnails caches, .DS_Store) and symbolic links (no loops, no files outside the tree) are
/// left out; so is the run's own report when it is written inside the tree.
/// </summary>
public static class LibraryScan
{
    private static readonly EnumerationOptions Walking = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint,
    };

    public static IReadOnlyList<LibraryFile> Walk(string folder, string reportPath) =>
        new DirectoryInfo(folder).EnumerateFiles("*", Walking)
            .Where(f => f.FullName != reportPath)
            .Select(f => new LibraryFile(f.FullName, Path.GetRelativePath(folder, f.FullName), f.Length))
            .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
            .ToList();

    /// <summary>Reads the file once: its first bytes say whether it is a photo, all of them give its id.</summary>
    public static async Task<Classified> ClassifyAsync(LibraryFile file, long maxUploadBytes, CancellationToken cancel)
    {
        try
        {
            await using var content = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite,
                64 * 1024, useAsync: true);
            var size = content.Length;
            if (size == 0)
                return new Classified(file, null, "empty file");
            if (size > maxUploadBytes)
                return new Classified(file, null,
                    $"too large: {ImportProgress.Bytes(size)}, the node takes at most "
                    + ImportProgress.Bytes(maxUploadBytes));

            var format = ContentSniffer.Sniff(content);
            if (format == ImageFormat.Unknown)
                return new Classified(file, null, "not a photo: its content is no image format the community keeps");

            var hash = await SHA256.HashDataAsync(content, cancel);
            return new Classified(file with { Size = size }, Convert.ToHexStringLower(hash), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Classified(file, null, "unreadable: " + e.Message);
        }
    }
}
