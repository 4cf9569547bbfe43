namespace CommunityCluster.Metadata.Tests;

/// <summary>A memory stream that remembers the furthest byte anyone read, and can hide that it seeks.</summary>
public sealed class TrackingStream(byte[] content, bool seekable = true) : MemoryStream(content, writable: false)
{
    public long FurthestRead { get; private set; }

    public override bool CanSeek => seekable && base.CanSeek;

    public override long Position
    {
        get => seekable ? base.Position : throw new NotSupportedException();
        set
        {
            if (!seekable)
                throw new NotSupportedException();
            base.Position = value;
        }
    }

    public override long Length => seekable ? base.Length : throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin loc) => seekable ? base.Seek(offset, loc)
        : throw new NotSupportedException();

    // MemoryStream sends span reads of a derived type through Read(byte[], ...), so that is the one to track.
    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = base.Read(buffer, offset, count);
        FurthestRead = Math.Max(FurthestRead, base.Position);
        return read;
    }

    public override int ReadByte()
    {
        var b = base.ReadByte();
        FurthestRead = Math.Max(FurthestRead, base.Position);
        return b;
    }
}
