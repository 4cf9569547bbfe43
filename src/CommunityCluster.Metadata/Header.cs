using MetadataExtractor;
using Directory = MetadataExtractor.Directory;

namespace CommunityCluster.Metadata;

/// <summary>What one format reader found in a file's header, before any of it is interpreted.</summary>
internal sealed class Header
{
    /// <summary>Dimensions of the stored pixels, before any orientation.</summary>
    public int? StoredWidth { get; set; }

    public int? StoredHeight { get; set; }

    /// <summary>
    /// The orientation that the container itself imposes (HEIF's <c>irot</c>), which wins over
    /// EXIF; null for formats whose only orientation is EXIF's.
    /// </summary>
    public PhotoOrientation? ContainerOrientation { get; set; }

    /// <summary>True for the HEIF family, where EXIF orientation is informational only.</summary>
    public bool OrientationIsContainers { get; set; }

    /// <summary>Set when the file is longer than the bytes the reader may examine.</summary>
    public long? ExaminedBytes { get; set; }

    public List<Directory> Directories { get; } = [];

    public List<string> Warnings { get; } = [];

    public void Warn(string warning)
    {
        if (!Warnings.Contains(warning))
            Warnings.Add(warning);
    }

    /// <summary>The file, or the part of it that may be examined, ended where more was expected.</summary>
    public void WarnEnded(string format, string where) =>
        Warn(ExaminedBytes is { } examined
            ? $"{format}: {where} lies past the first {examined} bytes, which are all that is examined"
            : $"{format}: the file ends {where} (truncated)");

    public void SetStoredSize(long width, long height, string what)
    {
        if (width is <= 0 or > int.MaxValue || height is <= 0 or > int.MaxValue)
        {
            Warn($"{what} declares {width} x {height} pixels, which is not a size");
            return;
        }

        StoredWidth = (int)width;
        StoredHeight = (int)height;
    }

    /// <summary>Parse errors that MetadataExtractor recorded inside the directories, as warnings.</summary>
    public void CollectDirectoryErrors()
    {
        foreach (var directory in Directories)
        {
            foreach (var error in directory.Errors)
                Warn($"{directory.Name}: {error}");
        }
    }
}
