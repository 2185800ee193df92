using System.Formats.Tar;
using System.IO.Compression;
using System.IO.Hashing;

namespace Atr.Domain.Checks.Archives;

/// <summary>
/// Reads a tar.gz or zip archive once, as a stream, without extracting anything: each member is passed to a visitor
/// with as many of its first bytes as the visitor asked for, and the rest of its data is read (and, for zip, its CRC
/// verified) so that integrity is proven. Every byte decompressed counts against <see cref="ArchiveLimits"/>, so a
/// bomb stops at the limit in bounded memory.
/// </summary>
public static class ArchiveReader
{
    private const int BufferSize = 1 << 16;

    /// <summary>The format a path's extension names, if any.</summary>
    public static ArchiveFormat? FormatOf(string path) =>
        path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase) ? ArchiveFormat.TarGz
        : path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? ArchiveFormat.Zip
        : null;

    /// <param name="archive">The archive's bytes; a zip must be seekable.</param>
    /// <param name="wants">How many leading bytes of a member the visitor needs (0 for none).</param>
    /// <param name="visit">Called once per member, in archive order, with the bytes it wanted (fewer if the member is shorter).</param>
    /// <exception cref="ArchiveException">The archive is corrupt, truncated, fails a CRC or crosses a limit.</exception>
    public static async Task<ArchiveTotals> ReadAsync(
        Stream archive,
        ArchiveFormat format,
        ArchiveLimits limits,
        Func<ArchiveMember, int> wants,
        Func<ArchiveMember, ReadOnlyMemory<byte>, ValueTask> visit,
        CancellationToken cancellationToken)
    {
        var budget = new Budget(limits, archive);
        try
        {
            return format == ArchiveFormat.Zip
                ? await ReadZipAsync(archive, budget, wants, visit, cancellationToken)
                : await ReadTarGzAsync(archive, budget, wants, visit, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or IOException
                                      or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new ArchiveException(Describe(e, budget.Current), budget.Current);
        }
    }

    private static async Task<ArchiveTotals> ReadTarGzAsync(
        Stream archive, Budget budget, Func<ArchiveMember, int> wants, Func<ArchiveMember, ReadOnlyMemory<byte>, ValueTask> visit,
        CancellationToken cancellationToken)
    {
        await using var compressed = new CountingStream(archive, budget.Compressed);
        await using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        await using var limited = new CountingStream(gzip, budget.Decompressed);
        await using var guarded = new TarHeaderGuard(limited);
        await using var tar = new TarReader(guarded);
        var buffer = new byte[BufferSize];
        while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            if (entry.EntryType == TarEntryType.GlobalExtendedAttributes)
            {
                // Attributes for the whole archive (git archive writes one): metadata, not a member.
                continue;
            }

            var member = new ArchiveMember(entry.Name, KindOf(entry.EntryType), entry.Length,
                entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink ? entry.LinkName : null);
            budget.Enter(member);
            var head = entry.DataStream is { } data && member.Kind == ArchiveMemberKind.File
                ? await ReadMemberAsync(data, wants(member), buffer, null, cancellationToken)
                : ReadOnlyMemory<byte>.Empty;
            await visit(member, head);
        }

        // A gzip stream may hold more after the tar's end-of-archive blocks: it must decompress cleanly too.
        while (await limited.ReadAsync(buffer, cancellationToken) > 0)
        {
        }

        return budget.Totals;
    }

    private static async Task<ArchiveTotals> ReadZipAsync(
        Stream archive, Budget budget, Func<ArchiveMember, int> wants, Func<ArchiveMember, ReadOnlyMemory<byte>, ValueTask> visit,
        CancellationToken cancellationToken)
    {
        // The central directory is read whole when the archive opens: its declared size is judged first.
        if (await DeclaredEntriesAsync(archive, cancellationToken) is { } declared && declared > budget.Limits.MaxMembers)
        {
            throw new ArchiveException($"The archive lists {declared:N0} members; at most {budget.Limits.MaxMembers:N0} are read");
        }

        await using var zip = await ZipArchive.CreateAsync(archive, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        if (zip.Entries.Count > budget.Limits.MaxMembers)
        {
            throw new ArchiveException($"The archive lists {zip.Entries.Count:N0} members; at most {budget.Limits.MaxMembers:N0} are read");
        }

        var buffer = new byte[BufferSize];
        foreach (var entry in zip.Entries)
        {
            var kind = ZipKind(entry);
            var preview = new ArchiveMember(entry.FullName, kind, entry.Length, null);
            budget.Enter(preview);
            var crc = new Crc32();
            ReadOnlyMemory<byte> head;
            await using (var data = await entry.OpenAsync(cancellationToken))
            await using (var counted = new CountingStream(data, budget.Decompressed))
            {
                var wanted = kind == ArchiveMemberKind.SymbolicLink ? 4096 : kind == ArchiveMemberKind.File ? wants(preview) : 0;
                head = await ReadMemberAsync(counted, wanted, buffer, crc, cancellationToken);
            }

            if (crc.GetCurrentHashAsUInt32() != entry.Crc32)
            {
                throw new ArchiveException($"CRC mismatch in {entry.FullName}: the data is corrupt", entry.FullName);
            }

            var member = kind == ArchiveMemberKind.SymbolicLink ? preview with { LinkTarget = System.Text.Encoding.UTF8.GetString(head.Span) } : preview;
            await visit(member, kind == ArchiveMemberKind.File ? head : ReadOnlyMemory<byte>.Empty);
        }

        return budget.Totals;
    }

    /// <summary>
    /// The member count a zip's end-of-central-directory record declares (its zip64 form when the plain one says
    /// 0xFFFF), or null when there is none to read; the stream is left at its start.
    /// </summary>
    private static async Task<long?> DeclaredEntriesAsync(Stream archive, CancellationToken cancellationToken)
    {
        const int Record = 22;
        if (!archive.CanSeek || archive.Length < Record)
        {
            return null;
        }

        var tail = new byte[(int)Math.Min(archive.Length, Record + ushort.MaxValue)];
        archive.Seek(-tail.Length, SeekOrigin.End);
        await archive.ReadExactlyAsync(tail, cancellationToken);
        archive.Seek(0, SeekOrigin.Begin);
        var end = tail.AsSpan().LastIndexOf("PK\u0005\u0006"u8);
        if (end < 0 || end + Record > tail.Length)
        {
            return null;
        }

        var entries = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(end + 10));
        const int Locator = 20;
        if (entries != ushort.MaxValue || end < Locator || !tail.AsSpan(end - Locator, 4).SequenceEqual("PK\u0006\u0007"u8))
        {
            return entries;
        }

        var zip64 = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(end - Locator + 8));
        if (zip64 < 0 || zip64 + 40 > archive.Length)
        {
            return null;
        }

        var record = new byte[40];
        archive.Seek(zip64, SeekOrigin.Begin);
        await archive.ReadExactlyAsync(record, cancellationToken);
        archive.Seek(0, SeekOrigin.Begin);
        return record.AsSpan(0, 4).SequenceEqual("PK\u0006\u0006"u8)
            ? System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(32))
            : null;
    }

    /// <summary>Reads a member to its end; keeps its first <paramref name="wanted"/> bytes.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadMemberAsync(Stream data, int wanted, byte[] buffer, Crc32? crc, CancellationToken cancellationToken)
    {
        var head = wanted > 0 ? new MemoryStream() : null;
        int read;
        while ((read = await data.ReadAsync(buffer, cancellationToken)) > 0)
        {
            crc?.Append(buffer.AsSpan(0, read));
            if (head is not null && head.Length < wanted)
            {
                head.Write(buffer, 0, (int)Math.Min(read, wanted - head.Length));
            }
        }

        return head?.ToArray() ?? ReadOnlyMemory<byte>.Empty;
    }

    private static ArchiveMemberKind KindOf(TarEntryType type) => type switch
    {
        TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => ArchiveMemberKind.File,
        TarEntryType.Directory => ArchiveMemberKind.Directory,
        TarEntryType.SymbolicLink => ArchiveMemberKind.SymbolicLink,
        TarEntryType.HardLink => ArchiveMemberKind.HardLink,
        TarEntryType.CharacterDevice or TarEntryType.BlockDevice => ArchiveMemberKind.Device,
        TarEntryType.Fifo => ArchiveMemberKind.Fifo,
        _ => ArchiveMemberKind.Other,
    };

    /// <summary>Zip has no member types: directories end with '/', and Unix tools keep the file mode in the external attributes.</summary>
    private static ArchiveMemberKind ZipKind(ZipArchiveEntry entry)
    {
        var mode = (entry.ExternalAttributes >> 16) & 0xF000;
        return mode switch
        {
            0xA000 => ArchiveMemberKind.SymbolicLink,
            0x2000 or 0x6000 => ArchiveMemberKind.Device,
            0x1000 => ArchiveMemberKind.Fifo,
            0x4000 => ArchiveMemberKind.Directory,
            _ when entry.FullName.EndsWith('/') => ArchiveMemberKind.Directory,
            _ => ArchiveMemberKind.File,
        };
    }

    private static string Describe(Exception e, string? member)
    {
        var where = member is null ? "" : $" (at {member})";
        return e is EndOfStreamException || e.Message.Contains("end of", StringComparison.OrdinalIgnoreCase)
            ? $"The archive is truncated: it ends too early{where}"
            : $"The archive is corrupt: {e.Message}{where}";
    }

    /// <summary>What a read has used so far, checked against the limits on every buffer.</summary>
    private sealed class Budget(ArchiveLimits limits, Stream archive)
    {
        private long _compressed;
        private long _decompressed;
        private int _members;

        public ArchiveLimits Limits => limits;

        public string? Current { get; private set; }

        public ArchiveTotals Totals => new(_members, _decompressed);

        public Action<int> Compressed => read => _compressed += read;

        public Action<int> Decompressed => read =>
        {
            _decompressed += read;
            if (_decompressed > limits.MaxUncompressedBytes)
            {
                throw new ArchiveException(
                    $"The archive expands to more than {limits.MaxUncompressedBytes:N0} bytes, the most Atr reads: a decompression bomb, or too large to check",
                    Current);
            }

            var packed = archive.CanSeek ? Math.Max(_compressed, archive.Length) : _compressed;
            if (_decompressed > limits.RatioFloorBytes && _decompressed > packed * limits.MaxCompressionRatio)
            {
                throw new ArchiveException(
                    $"The archive expands more than {limits.MaxCompressionRatio}:1 ({_decompressed:N0} bytes from {packed:N0}): a decompression bomb",
                    Current);
            }
        };

        public void Enter(ArchiveMember member)
        {
            Current = member.Name;
            if (++_members > limits.MaxMembers)
            {
                throw new ArchiveException($"The archive has more than {limits.MaxMembers:N0} members, the most Atr reads", member.Name);
            }

            if (member.Name.Length > limits.MaxPathLength)
            {
                throw new ArchiveException(
                    $"A member's name is {member.Name.Length:N0} characters long; at most {limits.MaxPathLength:N0} are accepted", member.Name[..Math.Min(64, member.Name.Length)] + "…");
            }

            if (member.Name.Trim('/').Split('/').Length > limits.MaxPathDepth)
            {
                throw new ArchiveException($"{member.Name} is nested more than {limits.MaxPathDepth} levels deep", member.Name);
            }
        }
    }

    /// <summary>
    /// Watches the 512-byte tar headers as TarReader reads them, and refuses a pax or GNU long-name header whose
    /// declared size is over <see cref="MaxMetadataBytes"/> before TarReader allocates a buffer of that size. It
    /// follows the entries' sizes, including a pax header's <c>size</c> record, to know where each header starts.
    /// </summary>
    private sealed class TarHeaderGuard(Stream inner) : ObservedStream(inner)
    {
        public const int MaxMetadataBytes = 1 << 20;

        private const int Block = 512;
        private readonly byte[] _header = new byte[Block];
        private readonly MemoryStream _pax = new();
        private long _position;
        private long _nextHeader;
        private int _headerFill;
        private long _paxEnd = -1;
        private long? _paxSize;

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _pax.Dispose();
            }

            base.Dispose(disposing);
        }

        protected override void Observe(ReadOnlySpan<byte> data)
        {
            var start = _position;
            _position += data.Length;
            var i = 0;
            while (i < data.Length)
            {
                var at = start + i;
                if (at < _nextHeader)
                {
                    var skip = (int)Math.Min(_nextHeader - at, data.Length - i);
                    if (at < _paxEnd)
                    {
                        _pax.Write(data.Slice(i, (int)Math.Min(skip, _paxEnd - at)));
                    }

                    i += skip;
                    continue;
                }

                var take = Math.Min(Block - _headerFill, data.Length - i);
                data.Slice(i, take).CopyTo(_header.AsSpan(_headerFill));
                _headerFill += take;
                i += take;
                if (_headerFill == Block)
                {
                    _headerFill = 0;
                    Next();
                }
            }
        }

        /// <summary>Reads the header just completed; sets where the next one starts.</summary>
        private void Next()
        {
            if (_paxEnd >= 0)
            {
                _paxSize = PaxSize(_pax.ToArray());
                _pax.SetLength(0);
                _paxEnd = -1;
            }

            var type = (char)_header[156];
            var size = _header.All(b => b == 0) ? 0 : Size();
            if (type is 'x' or 'g' or 'L' or 'K' && size > MaxMetadataBytes)
            {
                throw new ArchiveException($"A tar metadata header (type '{type}') declares {size:N0} bytes; at most {MaxMetadataBytes:N0} are read");
            }

            if (type == 'x')
            {
                _paxEnd = _nextHeader + Block + size;
            }
            else if (type is not ('g' or 'L' or 'K') && _paxSize is { } paxSize)
            {
                size = paxSize;
                _paxSize = null;
            }

            var padded = (size + Block - 1) / Block * Block;
            if (padded < 0 || padded > long.MaxValue / 2)
            {
                throw new ArchiveException("A tar header declares an impossible size");
            }

            _nextHeader += Block + padded;
        }

        /// <summary>The size field: octal text, or GNU's base-256 when its first byte has the high bit set.</summary>
        private long Size()
        {
            var field = _header.AsSpan(124, 12);
            if ((field[0] & 0x80) != 0)
            {
                long value = 0;
                foreach (var b in field[1..])
                {
                    value = checked((value << 8) | b);
                }

                return value;
            }

            long octal = 0;
            foreach (var b in field)
            {
                if (b is >= (byte)'0' and <= (byte)'7')
                {
                    octal = checked((octal * 8) + (b - '0'));
                }
                else if (b is not (0 or (byte)' '))
                {
                    throw new ArchiveException("A tar header's size is not a number");
                }
            }

            return octal;
        }

        /// <summary>The <c>size</c> record of a pax extended header ("<c>len size=value\n</c>"), if it has one.</summary>
        private static long? PaxSize(byte[] records)
        {
            foreach (var line in System.Text.Encoding.UTF8.GetString(records).Split('\n'))
            {
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                if (space > 0 && line[(space + 1)..] is var record && record.StartsWith("size=", StringComparison.Ordinal)
                    && long.TryParse(record["size=".Length..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size))
                {
                    return size;
                }
            }

            return null;
        }
    }

    /// <summary>Passes reads through, telling <paramref name="counted"/> how many bytes each returned.</summary>
    private sealed class CountingStream(Stream inner, Action<int> counted) : ObservedStream(inner)
    {
        protected override void Observe(ReadOnlySpan<byte> data) => counted(data.Length);
    }

    /// <summary>A read-only stream that passes reads through and shows each read's bytes to <see cref="Observe"/>.</summary>
    private abstract class ObservedStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            Observe(buffer.AsSpan(offset, read));
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
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
}
