using System.Globalization;
using System.Numerics;
using System.Text;

namespace Atr.Domain.Checks.Archives;

/// <summary>
/// Reads the members of a tar stream in every dialect GNU tar and Python's tarfile read: v7 (with checksums summed
/// as signed or unsigned bytes), old GNU and GNU (long names and links, old sparse headers with their extension
/// blocks, volume labels), ustar (the prefix field), pax (any keyword, known or not; <c>path</c>, <c>linkpath</c>,
/// <c>size</c>; GNU sparse 0.0, 0.1 and 1.0; global headers), suntar and xstar; numbers in octal or base-256; and
/// directory entries whose size field is not zero, which carry no data. System.Formats.Tar refuses several of these.
/// A metadata header declaring more than <see cref="MaxMetadataBytes"/> is refused before anything is allocated.
/// </summary>
internal sealed class TarMemberReader(BlockInput input)
{
    public const int MaxMetadataBytes = 1 << 20;

    private const int Block = 512;
    private const int MaxSparseChunks = 1 << 16;

    private static readonly List<(string Key, string Value)> NoRecords = [];

    private readonly byte[] _header = new byte[Block];
    private byte[] _head = new byte[1 << 16];
    private long _remaining;
    private long _padding;
    private Entry? _current;

    /// <summary>The next member, or null at the end of the archive (its zero block, or the end of the data at a header's place).</summary>
    /// <exception cref="ArchiveException">A header is damaged or declares the impossible.</exception>
    /// <exception cref="EndOfStreamException">The data ends part-way through a header or a member.</exception>
    public async ValueTask<ArchiveMember?> NextAsync(CancellationToken cancellationToken)
    {
        await input.SkipAsync(_remaining + _padding, cancellationToken);
        _remaining = _padding = 0;
        _current = null;
        string? longName = null;
        string? longLink = null;
        List<(string Key, string Value)>? pax = null;
        while (true)
        {
            var at = input.Position;
            if (!await input.ReadFullAsync(_header, cancellationToken) || !_header.AsSpan().ContainsAnyExcept((byte)0))
            {
                return null;
            }

            CheckChecksum(at);
            var type = (char)_header[156];
            var size = Number(124, 12, "size", at);
            switch (type)
            {
                case 'L' or 'K' or 'x' or 'X' or 'g':
                    if (size > MaxMetadataBytes)
                    {
                        throw new ArchiveException($"A tar metadata header (type '{type}') declares {size:N0} bytes; at most {MaxMetadataBytes:N0} are read");
                    }

                    var data = new byte[size];
                    await ReadExactlyAsync(data, cancellationToken);
                    await input.SkipAsync(Padded(size) - size, cancellationToken);
                    if (type == 'L')
                    {
                        longName = Text(Terminated(data));
                    }
                    else if (type == 'K')
                    {
                        longLink = Text(Terminated(data));
                    }
                    else
                    {
                        // A global header ('g', as git archive writes) describes the archive, not a member: read, then set aside.
                        var records = Records(data, at);
                        if (type != 'g')
                        {
                            (pax ??= []).AddRange(records);
                        }
                    }

                    continue;
                case 'V':
                    // A GNU volume label names the tape, not a member.
                    await input.SkipAsync(Padded(size), cancellationToken);
                    continue;
            }

            _current = await EntryAsync(type, size, longName, longLink, pax ?? NoRecords, at, cancellationToken);
            _remaining = _current.HasData ? _current.Stored : 0;
            _padding = _current.HasData ? Padded(_current.Stored) - _current.Stored : 0;
            return _current.Member;
        }
    }

    /// <summary>
    /// Reads the current member's data to its end; answers its first <paramref name="wanted"/> bytes (a sparse file's
    /// holes as zeros), in a buffer the next member's read reuses.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReadDataAsync(int wanted, CancellationToken cancellationToken)
    {
        if (_current is not { } entry || _remaining == 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var chunks = entry.Sparse ?? (entry.SparseMapInData ? await SparseMapAsync(cancellationToken) : null);
        var length = (int)Math.Min(wanted, Math.Max(0, entry.Member.Size));
        if (_head.Length < length)
        {
            _head = new byte[length];
        }

        var head = _head.AsMemory(0, length);
        if (chunks is not null)
        {
            head.Span.Clear();
        }

        long stored = 0;
        var chunk = 0;
        long before = 0;
        while (_remaining > 0)
        {
            var piece = await input.ReadSomeAsync(_remaining, cancellationToken);
            _remaining -= piece.Length;
            if (head.Length == 0)
            {
                continue;
            }

            if (chunks is null)
            {
                if (stored < head.Length)
                {
                    piece.Span[..(int)Math.Min(piece.Length, head.Length - stored)].CopyTo(head.Span[(int)stored..]);
                }

                stored += piece.Length;
                continue;
            }

            // Stored data is the chunks one after the other: place each byte at its chunk's offset in the file.
            var span = piece.Span;
            while (span.Length > 0 && chunk < chunks.Count)
            {
                var (offset, size) = chunks[chunk];
                var within = stored - before;
                var take = (int)Math.Min(span.Length, size - within);
                var target = offset + within;
                if (target < head.Length && take > 0)
                {
                    span[..(int)Math.Min(take, head.Length - target)].CopyTo(head.Span[(int)target..]);
                }

                span = span[Math.Max(take, 0)..];
                stored += Math.Max(take, 0);
                if (stored - before >= size)
                {
                    before += size;
                    chunk++;
                }
            }
        }

        await input.SkipAsync(_padding, cancellationToken);
        _padding = 0;
        return head;
    }

    private async ValueTask<Entry> EntryAsync(
        char type, long size, string? longName, string? longLink, List<(string Key, string Value)> pax, long at, CancellationToken cancellationToken)
    {
        var posix = _header.AsSpan(257, 6).SequenceEqual("ustar\0"u8);
        var name = longName ?? Value(pax, "path") ?? (posix && type != 'S'
            ? Join(Text(Terminated(_header.AsSpan(345, 155))), Text(Terminated(_header.AsSpan(0, 100))))
            : Text(Terminated(_header.AsSpan(0, 100))));
        var link = longLink ?? Value(pax, "linkpath") ?? Text(Terminated(_header.AsSpan(157, 100)));
        if (Value(pax, "size") is { } paxSize)
        {
            size = long.TryParse(paxSize, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed : throw new ArchiveException($"A pax header's size is not a number (at byte {at:N0})");
        }

        var kind = type switch
        {
            '0' or '7' or 'S' => ArchiveMemberKind.File,
            '\0' => name.EndsWith('/') ? ArchiveMemberKind.Directory : ArchiveMemberKind.File,
            '1' => ArchiveMemberKind.HardLink,
            '2' => ArchiveMemberKind.SymbolicLink,
            '3' or '4' => ArchiveMemberKind.Device,
            '5' => ArchiveMemberKind.Directory,
            '6' => ArchiveMemberKind.Fifo,
            _ => ArchiveMemberKind.Other,
        };

        // Directories, links, devices and FIFOs carry no data whatever their size field says; unknown types do.
        var hasData = type is not ('1' or '2' or '3' or '4' or '5' or '6') && !(type == '\0' && kind == ArchiveMemberKind.Directory);
        IReadOnlyList<(long, long)>? sparse = null;
        var mapInData = false;
        var real = size;
        if (type == 'S')
        {
            sparse = await OldGnuSparseAsync(cancellationToken);
            real = Number(483, 12, "sparse size", at);
        }
        else if (Value(pax, "GNU.sparse.major") == "1")
        {
            name = Value(pax, "GNU.sparse.name") ?? name;
            real = PaxNumber(pax, "GNU.sparse.realsize", at);
            mapInData = true;
        }
        else if (Value(pax, "GNU.sparse.map") is { } map)
        {
            name = Value(pax, "GNU.sparse.name") ?? name;
            real = PaxNumber(pax, "GNU.sparse.size", at);
            sparse = Pairs(map.Split(',').Select(n => Decimal(n, at)).ToList(), at);
        }
        else if (pax.Any(p => p.Key == "GNU.sparse.offset"))
        {
            real = PaxNumber(pax, "GNU.sparse.size", at);
            sparse = Pairs(pax.Where(p => p.Key is "GNU.sparse.offset" or "GNU.sparse.numbytes").Select(p => Decimal(p.Value, at)).ToList(), at);
        }

        if (size < 0 || real < 0)
        {
            throw new ArchiveException($"A tar header declares a negative size (at byte {at:N0})");
        }

        var linkTarget = kind is ArchiveMemberKind.SymbolicLink or ArchiveMemberKind.HardLink ? link : null;
        return new Entry(new ArchiveMember(name, kind, kind == ArchiveMemberKind.File ? real : size, linkTarget), size, hasData, sparse, mapInData);
    }

    /// <summary>An old GNU sparse header's chunks: four in the header, then 21 in each extension block while the flag says more follow.</summary>
    private async Task<List<(long, long)>> OldGnuSparseAsync(CancellationToken cancellationToken)
    {
        var chunks = new List<(long, long)>();
        Collect(_header, 386, 4, chunks);
        var extended = _header[482] != 0;
        var block = new byte[Block];
        while (extended)
        {
            var at = input.Position;
            if (!await input.ReadFullAsync(block, cancellationToken))
            {
                throw new EndOfStreamException("The archive ends in a sparse file's extension block");
            }

            if (chunks.Count > MaxSparseChunks)
            {
                throw new ArchiveException($"A sparse file declares more than {MaxSparseChunks:N0} chunks (at byte {at:N0})");
            }

            Collect(block, 0, 21, chunks);
            extended = block[504] != 0;
        }

        return chunks;

        void Collect(byte[] header, int start, int count, List<(long, long)> into)
        {
            for (var i = 0; i < count; i++)
            {
                var field = start + (i * 24);
                if (header.AsSpan(field, 24).ContainsAnyExcept((byte)0))
                {
                    into.Add((Parse(header.AsSpan(field, 12), "sparse offset"), Parse(header.AsSpan(field + 12, 12), "sparse length")));
                }
            }
        }
    }

    /// <summary>GNU sparse 1.0: the map at the start of the member's data, decimal numbers one per line, padded to a block.</summary>
    private async Task<List<(long, long)>> SparseMapAsync(CancellationToken cancellationToken)
    {
        var numbers = new List<long>();
        var text = new StringBuilder();
        long read = 0;
        long? count = null;
        while (count is null || numbers.Count < 1 + (2 * count))
        {
            var piece = await input.ReadSomeAsync(Math.Min(_remaining, 1), cancellationToken);
            if (piece.IsEmpty || ++read > Block * 64)
            {
                throw new ArchiveException("A sparse file's map (GNU sparse 1.0) is cut short or too long");
            }

            _remaining -= piece.Length;
            if (piece.Span[0] != '\n')
            {
                text.Append((char)piece.Span[0]);
                continue;
            }

            numbers.Add(Decimal(text.ToString(), 0));
            text.Clear();
            count ??= numbers[0] <= MaxSparseChunks ? numbers[0] : throw new ArchiveException($"A sparse file declares {numbers[0]:N0} chunks");
        }

        var padding = Padded(read) - read;
        await input.SkipAsync(padding, cancellationToken);
        _remaining -= padding;
        return Pairs(numbers.Skip(1).ToList(), 0);
    }

    private static List<(long, long)> Pairs(List<long> numbers, long at) =>
        numbers.Count % 2 == 0 && numbers.Count / 2 <= MaxSparseChunks
            ? Enumerable.Range(0, numbers.Count / 2).Select(i => (numbers[2 * i], numbers[(2 * i) + 1])).ToList()
            : throw new ArchiveException($"A sparse file's map is malformed (at byte {at:N0})");

    private void CheckChecksum(long at)
    {
        // The checksum field counts as eight spaces; old tars (v7, HP-UX) summed the bytes as signed.
        var stored = Parse(_header.AsSpan(148, 8), "checksum", at);
        var (unsigned, high) = Sum(_header.AsSpan(0, 148));
        var (rest, restHigh) = Sum(_header.AsSpan(156));
        unsigned += rest + (8 * ' ');
        if (stored != unsigned && stored != unsigned - (256 * (high + restHigh)))
        {
            throw new ArchiveException($"The archive is corrupt: the tar header at byte {at:N0} fails its checksum");
        }
    }

    /// <summary>The bytes' sum, and how many of them are 128 or more (each counts 256 less when summed as signed).</summary>
    private static (long Sum, long High) Sum(ReadOnlySpan<byte> bytes)
    {
        long sum = 0;
        long high = 0;
        var vectors = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Vector<byte>>(bytes);
        foreach (var vector in vectors)
        {
            Vector.Widen(vector, out var low, out var upper);
            sum += Vector.Sum(low + upper);
            high += Vector.Sum(Vector.ShiftRightLogical(low, 7) + Vector.ShiftRightLogical(upper, 7));
        }

        foreach (var b in bytes[(vectors.Length * Vector<byte>.Count)..])
        {
            sum += b;
            high += b >> 7;
        }

        return (sum, high);
    }

    private long Number(int offset, int length, string what, long at) => Parse(_header.AsSpan(offset, length), what, at);

    /// <summary>A numeric field: octal text (spaces and NULs around it), or base-256 when its first byte is 0x80 or 0xFF.</summary>
    private static long Parse(ReadOnlySpan<byte> field, string what, long at = -1)
    {
        if (field[0] is 0x80 or 0xFF)
        {
            long value = field[0] == 0xFF ? -1 : 0;
            foreach (var b in field[1..])
            {
                value = (value << 8) | b;
                if (value > long.MaxValue >> 9 || value < long.MinValue >> 9)
                {
                    throw new ArchiveException($"A tar header's {what} is too large{Where(at)}");
                }
            }

            return value;
        }

        // Octal digits, with spaces (or NULs) before them.
        long octal = 0;
        var i = 0;
        while (i < field.Length && field[i] is (byte)' ' or 0)
        {
            i++;
        }

        for (; i < field.Length && field[i] is >= (byte)'0' and <= (byte)'7'; i++)
        {
            octal = octal <= long.MaxValue >> 4 ? (octal * 8) + (field[i] - '0') : throw NotANumber(what, at);
        }

        // After the digits, spaces up to the end or to a NUL, past which nothing counts (as GNU tar and Python read it).
        for (; i < field.Length && field[i] != 0; i++)
        {
            if (field[i] != ' ')
            {
                throw NotANumber(what, at);
            }
        }

        return octal;
    }

    private static ArchiveException NotANumber(string what, long at) =>
        new($"The archive is corrupt: a tar header's {what} is not a number{Where(at)}");

    private static string Where(long at) => at < 0 ? "" : $" (at byte {at:N0})";

    private static long PaxNumber(List<(string Key, string Value)> pax, string key, long at) =>
        Value(pax, key) is { } value ? Decimal(value, at) : throw new ArchiveException($"A sparse file's pax header lacks {key} (at byte {at:N0})");

    private static long Decimal(string text, long at) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ArchiveException($"The archive is corrupt: '{(text.Length > 20 ? text[..20] + "…" : text)}' is not a number{Where(at)}");

    /// <summary>The records of a pax extended header: "length key=value\n", each length counting the whole record.</summary>
    private static List<(string Key, string Value)> Records(ReadOnlySpan<byte> data, long at)
    {
        var records = new List<(string, string)>();
        var pos = 0;
        while (pos < data.Length && data[pos] != 0)
        {
            var space = data[pos..].IndexOf((byte)' ');
            if (space <= 0 || !int.TryParse(data.Slice(pos, space), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                || length <= space + 2 || length > data.Length - pos || data[pos + length - 1] != '\n')
            {
                throw new ArchiveException($"The archive is corrupt: a pax extended header's records are malformed (at byte {at:N0})");
            }

            var record = data.Slice(pos + space + 1, length - space - 2);
            var equals = record.IndexOf((byte)'=');
            if (equals <= 0)
            {
                throw new ArchiveException($"The archive is corrupt: a pax record has no keyword (at byte {at:N0})");
            }

            records.Add((Encoding.UTF8.GetString(record[..equals]), Text(record[(equals + 1)..])));
            pos += length;
        }

        return records;
    }

    private static string? Value(List<(string Key, string Value)> pax, string key)
    {
        for (var i = pax.Count - 1; i >= 0; i--)
        {
            if (pax[i].Key == key)
            {
                return pax[i].Value;
            }
        }

        return null;
    }

    private async ValueTask ReadExactlyAsync(byte[] target, CancellationToken cancellationToken)
    {
        if (target.Length > 0 && !await input.ReadFullAsync(target, cancellationToken))
        {
            throw new EndOfStreamException("The archive ends where a header's data should be");
        }
    }

    private static long Padded(long size) => (size + Block - 1) / Block * Block;

    private static ReadOnlySpan<byte> Terminated(ReadOnlySpan<byte> field) => field.IndexOf((byte)0) is >= 0 and var end ? field[..end] : field;

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : $"{prefix}/{name}";

    /// <summary>Names as UTF-8, or as Latin-1 when their bytes are not UTF-8 (old archives), so every byte stays one character.</summary>
    private static string Text(ReadOnlySpan<byte> bytes)
    {
        if (!bytes.ContainsAnyExceptInRange((byte)0, (byte)0x7F))
        {
            return Encoding.ASCII.GetString(bytes);
        }

        try
        {
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    private sealed record Entry(ArchiveMember Member, long Stored, bool HasData, IReadOnlyList<(long Offset, long Length)>? Sparse, bool SparseMapInData);
}
