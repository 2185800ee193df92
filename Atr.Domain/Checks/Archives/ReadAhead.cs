using System.IO.Pipelines;

namespace Atr.Domain.Checks.Archives;

/// <summary>
/// Reads a stream on a thread of its own, up to 1 MiB ahead of its reader: decompression then runs beside the
/// parsing and judging of members, on another core. What the source throws (a corrupt stream, a limit crossed) is
/// thrown to the reader at the point it reaches it.
/// </summary>
internal sealed class ReadAhead : IAsyncDisposable
{
    private readonly Pipe _pipe = new(new PipeOptions(
        pauseWriterThreshold: 4 << 20, resumeWriterThreshold: 2 << 20, minimumSegmentSize: 1 << 16, useSynchronizationContext: false));

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;

    public ReadAhead(Stream source)
    {
        _producer = Task.Run(() => CopyAsync(source));
        Stream = _pipe.Reader.AsStream(leaveOpen: true);
    }

    /// <summary>The source's bytes, as they arrive.</summary>
    public Stream Stream { get; }

    /// <summary>
    /// Copies with synchronous reads: SharpCompress's decoders (bzip2, xz) decode at half speed and less through
    /// <see cref="Stream.ReadAsync(Memory{byte}, CancellationToken)"/>, and this runs on a thread of its own anyway.
    /// </summary>
    private async Task CopyAsync(Stream source)
    {
        try
        {
            while (true)
            {
                _stop.Token.ThrowIfCancellationRequested();
                var read = source.Read(_pipe.Writer.GetSpan(1 << 16));
                if (read == 0)
                {
                    break;
                }

                _pipe.Writer.Advance(read);
                if ((await _pipe.Writer.FlushAsync(_stop.Token)).IsCompleted)
                {
                    break;
                }
            }

            await _pipe.Writer.CompleteAsync();
        }
        catch (Exception e)
        {
            await _pipe.Writer.CompleteAsync(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _pipe.Reader.CompleteAsync();
        await _stop.CancelAsync();
        await _producer;
        _stop.Dispose();
        await Stream.DisposeAsync();
    }
}
