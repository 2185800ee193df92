using System.IO.Compression;
using System.IO.Hashing;

namespace Atr.Domain.Checks.Archives;

/// <summary>
/// Reads an archive once, as a stream, without extracting anything: each member is passed to a visitor with as many
/// of its first bytes as the visitor asked for, and the rest of its data is read (and, for zip, its CRC verified) so
/// that integrity is proven; compressed tar data is read to its very end, so damage after the last member is found
/// too. Every byte decompressed counts against <see cref="ArchiveLimits"/>, so a bomb stops at the limit in bounded
/// memory. No input makes it throw anything but <see cref="ArchiveException"/> (or a cancellation).
/// </summary>
public static class ArchiveReader
{
    private const int BufferSize = 1 << 16;

    /// <param name="archive">The archive's bytes; a zip must be seekable.</param>
    /// <param name="wants">How many leading bytes of a member the visitor needs (0 for none).</param>
    /// <param name="visit">Called once per member, in archive order, with the bytes it wanted (fewer if the member is shorter); false stops the read there.</param>
    /// <exception cref="ArchiveException">The archive is corrupt, truncated, fails a check or crosses a limit.</exception>
    public static async Task<ArchiveTotals> ReadAsync(
        Stream archive,
        ArchiveKind kind,
        ArchiveLimits limits,
        Func<ArchiveMember, int> wants,
        Func<ArchiveMember, ReadOnlyMemory<byte>, bool> visit,
        CancellationToken cancellationToken)
    {
        var budget = new Budget(limits, archive);
        try
        {
            return kind.Format == ArchiveFormat.Zip
                ? await ReadZipAsync(archive, budget, wants, visit, cancellationToken)
                : await ReadTarAsync(archive, kind.Compression, budget, wants, visit, cancellationToken);
        }
        catch (Exception e) when (e is not (ArchiveException or OperationCanceledException))
        {
            // Whatever a decompressor or the format throws on damaged input is the archive's fault, said so.
            throw new ArchiveException(Describe(e, budget.Current), budget.Current);
        }
    }

    private static async Task<ArchiveTotals> ReadTarAsync(
        Stream archive, ArchiveCompression compression, Budget budget, Func<ArchiveMember, int> wants, Func<ArchiveMember, ReadOnlyMemory<byte>, bool> visit,
        CancellationToken cancellationToken)
    {
        await using var compressed = new CountingStream(archive, budget.Compressed);
        await using var decompressed = await Decompression.OpenAsync(compressed, compression, cancellationToken);
        await using var ahead = new ReadAhead(decompressed);

        // Counted as the reader takes it: a limit is crossed at the member being read, after at most the few
        // megabytes decompressed ahead (the read-ahead's bound).
        await using var limited = new CountingStream(ahead.Stream, budget.Decompressed);
        var input = new BlockInput(limited, 4 * BufferSize);
        var tar = new TarMemberReader(input);
        while (await tar.NextAsync(cancellationToken) is { } member)
        {
            budget.Enter(member);
            var head = member.Kind == ArchiveMemberKind.File ? await tar.ReadDataAsync(wants(member), cancellationToken) : ReadOnlyMemory<byte>.Empty;
            if (!visit(member, head))
            {
                return budget.Totals;
            }
        }

        // After the tar's end: the zero blocks that pad it out, then the compression's own end and checks.
        await input.DrainAsync(cancellationToken);
        return budget.Totals;
    }

    private static async Task<ArchiveTotals> ReadZipAsync(
        Stream archive, Budget budget, Func<ArchiveMember, int> wants, Func<ArchiveMember, ReadOnlyMemory<byte>, bool> visit,
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
            if (!visit(member, kind == ArchiveMemberKind.File ? head : ReadOnlyMemory<byte>.Empty))
            {
                break;
            }
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

            if (member.Name.AsSpan().Trim('/').Count('/') + 1 > limits.MaxPathDepth)
            {
                throw new ArchiveException($"{member.Name} is nested more than {limits.MaxPathDepth} levels deep", member.Name);
            }
        }
    }
}
