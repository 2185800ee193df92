namespace Atr.Domain.Checks.Archives;

/// <summary>Passes reads through, telling <paramref name="counted"/> how many bytes each returned.</summary>
internal sealed class CountingStream(Stream inner, Action<int> counted) : ObservedStream(inner)
{
    protected override void Observe(ReadOnlySpan<byte> data) => counted(data.Length);
}

/// <summary>
/// A read-only stream that passes reads through and shows each read's bytes to <see cref="Observe"/>. Its position is
/// how much has been read (the xz decoder asks for it).
/// </summary>
internal abstract class ObservedStream(Stream inner) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        _position += read;
        Observe(buffer.AsSpan(offset, read));
        return read;
    }

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        _position += read;
        Observe(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        _position += read;
        Observe(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected abstract void Observe(ReadOnlySpan<byte> data);
}
