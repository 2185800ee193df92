using Atr.Domain.Checks.Archives;

namespace Atr.Tests.Fuzzing.Targets;

/// <summary>
/// One archive format (<see cref="ArchiveCheck"/> with the domain's default <see cref="ArchiveLimits"/>): the whole
/// check, reader and rules (structure, LICENSE and NOTICE, licence headers, build-file and RAT exclusions), whose
/// documented error, <see cref="ArchiveException"/>, is reported as a failure finding, so that any exception out of
/// the check breaks the contract. Compressed tars are mostly mutated inside (decompressed, mutated as tar,
/// compressed again), sometimes in the compression's own headers or bytes. Seeds: the suite's dialect and archive
/// fixtures (every tar dialect, compressed again in this format when it came in another) and, for zip, the Info-ZIP
/// and bsdtar dialects.
/// </summary>
public sealed class ArchiveTarget : CheckTarget
{
    private readonly ArchiveKind _kind;
    private readonly ArchiveCheck _check;

    public ArchiveTarget(ArchiveKind kind)
    {
        _kind = kind;
        _check = new ArchiveCheck(kind.Format, new ArchiveLimits());
        var bytes = new ByteMutator("ustar", "\0", "PK", "././@LongLink", "GNU.sparse", "pom.xml", "LICENSE", "NOTICE", "../");
        IMutator inner = kind.Format == ArchiveFormat.Zip ? new ZipMutator() : new TarMutator();
        Mutator = kind.Compression == ArchiveCompression.None
            ? new WeightedMutator(bytes, (1, bytes), (4, inner))
            : new WeightedMutator(bytes, (1, bytes), (1, new CompressionHeaderMutator(kind.Compression)),
                (4, new RecompressMutator(kind.Compression, new WeightedMutator(bytes, (1, bytes), (4, inner)))));
    }

    public override string Name => _kind.Name;

    public override IMutator Mutator { get; }

    /// <summary>
    /// The default archive limits bound what is read (2 GiB, 200:1 past 100 MiB); per input, the time of decompressing
    /// up to those 100 MiB, and the allocation of a decoder's largest legitimate window (xz -9's 64 MiB dictionary,
    /// zstd's 128 MiB) and the reader's buffers.
    /// </summary>
    public override FuzzLimits Limits { get; } = new(TimeSpan.FromSeconds(5), 256 << 20, 1 << 20);

    public override FuzzOutcome Run(byte[] input, CancellationToken cancellationToken) =>
        RunCheck(_check, $"apache-widget-1.0.0-src.{_kind.Name}", input, cancellationToken);

    protected override IReadOnlyList<byte[]> LoadSeeds()
    {
        var fixtures = Directory.EnumerateFiles(Fixtures.FixtureFiles.PathOf("Dialects"), "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Fixtures.FixtureFiles.PathOf("Archives")))
            .Order(StringComparer.Ordinal)
            .Select(path => (Path: path, Kind: ArchiveKind.Of(path), Bytes: File.ReadAllBytes(path)))
            .Where(f => f.Kind is not null)
            .ToList();
        if (_kind.Format == ArchiveFormat.Zip)
        {
            return [.. fixtures.Where(f => f.Kind == ArchiveKind.Zip).Select(f => f.Bytes)];
        }

        // Every tar dialect in this compression, its members' data cut to a block; whole, the seeds the tools made in it
        // (for plain tar, GNU tar's pax archive), which hold the real LICENSE and NOTICE.
        var context = new MutationContext(new Random(0), []);
        var whole = _kind.Compression == ArchiveCompression.None
            ? fixtures.Where(f => f.Path.EndsWith("gnu-posix/apache-widget-1.0.0-src.tar.gz", StringComparison.Ordinal))
                .Select(f => Compression.Decompress(f.Bytes, ArchiveCompression.Gzip)!)
            : fixtures.Where(f => f.Kind == _kind).Select(f => f.Bytes);
        return
        [
            .. whole,
            .. fixtures.Where(f => f.Kind!.Format == ArchiveFormat.Tar)
                .Select(f => f.Kind!.Compression == ArchiveCompression.None ? f.Bytes : Compression.Decompress(f.Bytes, f.Kind.Compression))
                .OfType<byte[]>()
                .Select(tar => Compression.Compress(Shrunk(tar), _kind.Compression, context)),
        ];
    }

    /// <summary>
    /// The tar with each regular member's data cut to one block and the padding after its end dropped: the same
    /// headers in a third of the bytes, so that the suite's run stays short.
    /// </summary>
    private static byte[] Shrunk(byte[] tar)
    {
        const int Block = 512;
        using var output = new MemoryStream();
        foreach (var header in TarMutator.Headers(tar))
        {
            var start = output.Length;
            output.Write(tar, header.Start, Block);
            var data = header.DataEnd - header.DataStart;
            if (header.Type is (byte)'0' or 0 && data > Block)
            {
                output.Write(tar, header.DataStart, Block);
                var shrunk = output.GetBuffer();
                System.Text.Encoding.ASCII.GetBytes("00000001000\0").CopyTo(shrunk, start + 124);
                TarMutator.Checksum(shrunk, (int)start);
            }
            else
            {
                output.Write(tar, header.DataStart, (data + Block - 1) / Block * Block);
            }
        }

        output.Write(new byte[2 * Block]);
        return output.ToArray();
    }
}
