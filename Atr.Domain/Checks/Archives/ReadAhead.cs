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
        _producer = Task.Run(async () =>
        {
            try
            {
                await source.CopyToAsync(_pipe.Writer, _stop.Token);
                await _pipe.Writer.CompleteAsync();
            }
            catch (Exception e)
            {
                await _pipe.Writer.CompleteAsync(e);
            }
        });
        Stream = _pipe.Reader.AsStream(leaveOpen: true);
    }

    /// <summary>The source's bytes, as they arrive.</summary>
    public Stream Stream { get; }

    public async ValueTask DisposeAsync()
    {
        await _pipe.Reader.CompleteAsync();
        await _stop.CancelAsync();
        await _producer;
        _stop.Dispose();
        await Stream.DisposeAsync();
    }
}
