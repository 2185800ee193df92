namespace Atr.Domain.Checks.Archives;

/// <summary>
/// A read-only stream read through one buffer, for a reader that takes small pieces (tar's 512-byte headers): most
/// calls are served from the buffer without awaiting anything.
/// </summary>
internal sealed class BlockInput(Stream inner, int size = 1 << 16)
{
    private readonly byte[] _buffer = new byte[size];
    private int _start;
    private int _end;

    /// <summary>How many bytes have been taken so far.</summary>
    public long Position { get; private set; }

    /// <summary>Fills <paramref name="target"/> entirely; false when the input ended before its first byte.</summary>
    /// <exception cref="EndOfStreamException">The input ended part-way.</exception>
    public async ValueTask<bool> ReadFullAsync(Memory<byte> target, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < target.Length)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
            {
                return filled == 0 ? false : throw new EndOfStreamException($"The data ends {target.Length - filled:N0} bytes into a block it needs whole");
            }

            var take = Math.Min(_end - _start, target.Length - filled);
            _buffer.AsMemory(_start, take).CopyTo(target[filled..]);
            Take(take);
            filled += take;
        }

        return true;
    }

    /// <summary>The next buffered bytes, at most <paramref name="max"/>; valid until the next call.</summary>
    /// <exception cref="EndOfStreamException">The input has ended.</exception>
    public async ValueTask<ReadOnlyMemory<byte>> ReadSomeAsync(long max, CancellationToken cancellationToken)
    {
        if (_start == _end && !await FillAsync(cancellationToken))
        {
            throw new EndOfStreamException("The data ends in the middle of a member");
        }

        var take = (int)Math.Min(_end - _start, max);
        var slice = _buffer.AsMemory(_start, take);
        Take(take);
        return slice;
    }

    /// <summary>Passes over <paramref name="count"/> bytes.</summary>
    public async ValueTask SkipAsync(long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            count -= (await ReadSomeAsync(count, cancellationToken)).Length;
        }
    }

    /// <summary>Reads what is left to the end of the input (buffered bytes included), returning how much there was.</summary>
    public async Task<long> DrainAsync(CancellationToken cancellationToken)
    {
        long drained = _end - _start;
        Take(_end - _start);
        while (await FillAsync(cancellationToken))
        {
            drained += _end - _start;
            Take(_end - _start);
        }

        return drained;
    }

    private void Take(int count)
    {
        _start += count;
        Position += count;
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await inner.ReadAsync(_buffer, cancellationToken);
        return _end > 0;
    }
}
