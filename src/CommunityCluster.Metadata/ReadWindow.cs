namespace CommunityCluster.Metadata;

/// <summary>
/// A read-only, seekable view of at most <c>length</c> bytes of another seekable stream, from
/// where that stream stood. Every parser reads through it, so none can go past the bound.
/// </summary>
internal sealed class ReadWindow : Stream
{
    private readonly Stream _inner;
    private readonly long _origin;
    private readonly long _length;
    private long _position;

    public ReadWindow(Stream inner, long origin, long length)
    {
        _inner = inner;
        _origin = origin;
        _length = length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => _position = Math.Clamp(value, 0, _length);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var wanted = (int)Math.Min(buffer.Length, _length - _position);
        if (wanted <= 0)
            return 0;

        _inner.Position = _origin + _position;
        var read = _inner.Read(buffer[..wanted]);

        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => _length + offset,
        };
        if (target < 0)
            throw new IOException("seek before the start of the window");
        Position = target;
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
