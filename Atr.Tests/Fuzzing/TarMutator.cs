using System.Globalization;
using System.Text;

namespace Atr.Tests.Fuzzing;

/// <summary>
/// Edits a tar archive as tar: a header's numeric fields (size, mode, owner, time, checksum, device, GNU sparse
/// offsets and real size) written as odd octal, as base-256 or as garbage; its type flag; its name, link name or ustar
/// prefix; its magic; pax records' lengths, keywords and values (size, path, GNU sparse maps...), and new pax, GNU
/// long-name and sparse headers; a member's data replaced; whole 512-byte blocks deleted, duplicated, swapped or
/// zeroed. After a header edit its checksum is mostly made true again (sometimes as signed bytes), so that the edit
/// reaches past the checksum.
/// </summary>
public sealed class TarMutator : IMutator
{
    private const int Block = 512;

    private static readonly (int Offset, int Width)[] NumericFields =
    [
        (124, 12), (124, 12), (124, 12), (100, 8), (108, 8), (116, 8), (136, 12), (148, 8), (329, 8), (337, 8), (483, 12), (386, 12), (398, 12), (410, 12),
    ];

    /// <summary>Name, link name and ustar prefix (the name twice: it matters most).</summary>
    private static readonly (int Offset, int Width)[] TextFields = [(0, 100), (0, 100), (157, 100), (345, 155)];

    private static readonly string TypeFlags = "0123456789LKxXgSVDAIMNE\0";

    private static readonly string[] Names =
    [
        "apache-widget-1.0.0-src/LICENSE", "apache-widget-1.0.0-src/NOTICE.txt", "apache-widget-1.0.0-src/pom.xml", "apache-widget-1.0.0-src/build.gradle",
        "apache-widget-1.0.0-src/.rat-excludes", "apache-widget-1.0.0-src/src/Main.java", "apache-widget-1.0.0-src/DISCLAIMER", "../../etc/passwd", "/abs",
        "C:/Windows/x.dll", "a\\..\\b", "apache-widget-1.0.0-src/../x", "./", "", "apache-widget-1.0.0-src/bin/widget", "other-root/file",
        "apache-widget-1.0.0-src/" + string.Concat(Enumerable.Repeat("d/", 60)), "\u00ff\u00fe", "apache-widget-1.0.0-src/a\u0000b",
    ];

    private static readonly string[] PaxKeys =
    [
        "path", "linkpath", "size", "GNU.sparse.major", "GNU.sparse.minor", "GNU.sparse.name", "GNU.sparse.realsize", "GNU.sparse.size", "GNU.sparse.map",
        "GNU.sparse.offset", "GNU.sparse.numbytes", "mtime", "uid", "hdrcharset", "comment", "SCHILY.xattr.user.x", "", "=",
    ];

    private static readonly string[] PaxValues =
    [
        "0", "1", "-1", "512", "1048576", "99999999999999999999", "9223372036854775807", "0,10,20,30", "1,2,3", "0,0", "x", "", " ", "1.0",
        "apache-widget-1.0.0-src/LICENSE", "../x", new string('a', 2000),
    ];

    /// <summary>Texts members are given: a NOTICE, a pom, Gradle and gitignore exclusions, a third-party header, a sparse map.</summary>
    public static readonly byte[][] Contents =
    [
        .. new[]
        {
            "Apache Widget\nCopyright 2026 The Apache Software Foundation\n\nThis product includes software developed at\nThe Apache Software Foundation (https://www.apache.org/).\n",
            "<project><build><plugins><plugin><artifactId>apache-rat-plugin</artifactId><configuration><excludes><exclude>**/*.txt</exclude></excludes></configuration></plugin></plugins></build></project>",
            "rat { excludes = ['**/generated/**', \"*.min.js\"] }\n",
            "*.java\n!keep/*.java\n[a-\n",
            "/* Licensed under the MIT license */\nclass A {}\n",
            "1\n0\n10\n",
        }.Select(Encoding.UTF8.GetBytes),
    ];

    private readonly ByteMutator _bytes = new();

    public byte[]? Mutate(byte[] input, MutationContext context)
    {
        var headers = Headers(input);
        if (headers.Count == 0)
        {
            return null;
        }

        var header = context.Pick(headers);
        var output = (byte[])input.Clone();
        switch (context.Next(12))
        {
            case 0 or 1 or 2:
                Numeric(output, header.Start, context);
                break;
            case 3:
                output[header.Start + 156] = (byte)(context.OneIn(4) ? context.Next(256) : TypeFlags[context.Next(TypeFlags.Length)]);
                break;
            case 4:
                var (at, width) = context.Pick(TextFields);
                Text(output, header.Start + at, width, context.Pick(Names));
                break;
            case 5:
                Text(output, header.Start + 257, 8, context.Pick(["ustar\u000000", "ustar  \u0000", "ustar\u0000  ", "USTAR\u000000", "\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000"]));
                break;
            case 6 when header.Type is (byte)'x' or (byte)'g':
                return Pax(input, header, context);
            case 6 or 7:
                return Inserted(input, header, context);
            case 8 when header.DataEnd > header.DataStart:
                return Content(input, header, context);
            case 8 or 9:
                return Blocks(input, context);
            case 10:
                var mutated = _bytes.Mutate(output.AsSpan(header.Start, Block).ToArray(), context);
                mutated.AsSpan(0, Math.Min(mutated.Length, Block)).CopyTo(output.AsSpan(header.Start));
                break;
            default:
                output[header.Start + 482] = (byte)(context.OneIn(2) ? 1 : 0);
                Numeric(output, header.Start, context);
                break;
        }

        if (!context.OneIn(6))
        {
            Checksum(output, header.Start, asSigned: context.OneIn(8));
        }

        return output;
    }

    /// <summary>The headers of a tar archive, as far as the sizes they declare lead: where each starts, its type, and where its data is.</summary>
    public static List<Header> Headers(byte[] tar)
    {
        var headers = new List<Header>();
        var at = 0;
        while (at + Block <= tar.Length && tar.AsSpan(at, Block).ContainsAnyExcept((byte)0) && headers.Count < 4096)
        {
            var type = tar[at + 156];
            var size = Size(tar.AsSpan(at + 124, 12));
            var hasData = type is not ((byte)'1' or (byte)'2' or (byte)'3' or (byte)'4' or (byte)'5' or (byte)'6');
            var data = hasData ? (size + Block - 1) / Block * Block : 0;
            if (size < 0 || size > tar.Length || at + Block + data > tar.Length)
            {
                headers.Add(new Header(at, type, at + Block, at + Block));
                break;
            }

            headers.Add(new Header(at, type, at + Block, at + Block + (int)Math.Min(size, data)));
            at += Block + (int)data;
        }

        return headers;
    }

    /// <summary>Makes a header's checksum true: the unsigned sum of its bytes with the field as spaces (or, old style, the signed sum).</summary>
    public static void Checksum(byte[] tar, int start, bool asSigned = false)
    {
        if (start + Block > tar.Length)
        {
            return;
        }

        var header = tar.AsSpan(start, Block);
        header.Slice(148, 8).Fill((byte)' ');
        long sum = 0;
        foreach (var b in header)
        {
            sum += asSigned ? (sbyte)b : b;
        }

        Encoding.ASCII.GetBytes(Convert.ToString(sum & 0x3FFFF, 8).PadLeft(6, '0')[^6..] + "\0 ").CopyTo(header[148..]);
    }

    /// <summary>One numeric field set to an odd value: octal near the truth or far from it, base-256, non-digits, no terminator.</summary>
    private static void Numeric(byte[] tar, int start, MutationContext context)
    {
        var (offset, width) = context.Pick(NumericFields);
        var field = tar.AsSpan(start + offset, width);
        var current = Size(field);
        switch (context.Next(6))
        {
            case 0:
                field.Clear();
                field[0] = context.OneIn(2) ? (byte)0x80 : (byte)0xFF;
                for (var i = width - context.Next(1, width); i < width; i++)
                {
                    field[i] = (byte)context.Next(256);
                }

                break;
            case 1:
                field.Fill(context.Pick<byte>([(byte)' ', 0, (byte)'7', (byte)'8', (byte)'x']));
                break;
            default:
                var value = context.Next(6) switch
                {
                    0 => 0,
                    1 => Math.Max(0, current) + context.Next(1, 1024),
                    2 => Math.Max(0, current - context.Next(1, 1024)),
                    3 => (1L << (3 * (width - 1))) - 1,
                    4 => 1L << context.Next(40),
                    _ => context.Next(1 << 20),
                };
                var text = Convert.ToString(value, 8);
                var digits = context.Next(4) switch
                {
                    0 => text.PadLeft(width, '0')[^width..],
                    1 => text.PadLeft(width - 1) + " ",
                    _ => text.PadLeft(width - 1, '0')[^(width - 1)..] + "\0",
                };
                Encoding.ASCII.GetBytes(digits.Length > width ? digits[^width..] : digits).CopyTo(field);
                break;
        }
    }

    private static void Text(byte[] tar, int at, int width, string text)
    {
        if (at + width > tar.Length)
        {
            return;
        }

        var field = tar.AsSpan(at, width);
        field.Clear();
        var bytes = Encoding.Latin1.GetBytes(text);
        bytes.AsSpan(0, Math.Min(bytes.Length, width)).CopyTo(field);
    }

    /// <summary>A pax header's records edited (a length, a keyword, a value, a new record), its size field and checksum made true again.</summary>
    private static byte[] Pax(byte[] tar, Header header, MutationContext context)
    {
        var records = Encoding.Latin1.GetString(tar, header.DataStart, header.DataEnd - header.DataStart).TrimEnd('\0').Split('\n').Where(r => r.Length > 0).ToList();
        var keep = context.OneIn(3);
        if (records.Count == 0 || context.OneIn(3))
        {
            records.Add(Record(context.Pick(PaxKeys), context.Pick(PaxValues)));
        }
        else
        {
            var at = context.Next(records.Count);
            var space = records[at].IndexOf(' ', StringComparison.Ordinal);
            var equals = records[at].IndexOf('=', StringComparison.Ordinal);
            var key = equals > space && space >= 0 ? records[at][(space + 1)..equals] : "path";
            var value = equals >= 0 ? records[at][(equals + 1)..] : "";
            records[at] = context.Next(4) switch
            {
                0 => $"{context.Pick(["0", "1", "9", "99999", "-5", "x", "", "3 "])} {key}={value}",
                1 => Record(context.Pick(PaxKeys), value),
                _ => Record(key, context.Pick(PaxValues)),
            };
            keep = false;
        }

        var data = Encoding.Latin1.GetBytes(string.Concat(records.Select(r => r + "\n")));
        return Replaced(tar, header, data, fixSize: !keep || !context.OneIn(4), context);
    }

    /// <summary>A pax record whose length counts itself, as the format wants.</summary>
    private static string Record(string key, string value)
    {
        var body = $" {key}={value}\n";
        var length = body.Length + 1;
        while ((length.ToString(CultureInfo.InvariantCulture) + body).Length != length)
        {
            length++;
        }

        return $"{length.ToString(CultureInfo.InvariantCulture)}{body}".TrimEnd('\n');
    }

    /// <summary>A new header before this one: pax (some records), GNU long name or link ('L', 'K'), or a global header.</summary>
    private static byte[] Inserted(byte[] tar, Header before, MutationContext context)
    {
        var type = context.Pick<byte>([(byte)'x', (byte)'x', (byte)'g', (byte)'L', (byte)'K']);
        var data = type is (byte)'L' or (byte)'K'
            ? Encoding.Latin1.GetBytes(context.Pick(Names) + (context.OneIn(2) ? "\0" : ""))
            : Encoding.Latin1.GetBytes(string.Concat(Enumerable.Range(0, context.Next(1, 4)).Select(_ => Record(context.Pick(PaxKeys), context.Pick(PaxValues)) + "\n")));
        var header = new byte[Block];
        Encoding.ASCII.GetBytes(type is (byte)'L' or (byte)'K' ? "././@LongLink" : "PaxHeaders/x").CopyTo(header, 0);
        Encoding.ASCII.GetBytes("0000644\0").CopyTo(header, 100);
        header[156] = type;
        Encoding.ASCII.GetBytes("ustar\u000000").CopyTo(header, 257);
        Encoding.ASCII.GetBytes(Convert.ToString(data.Length, 8).PadLeft(11, '0') + "\0").CopyTo(header, 124);
        var padded = new byte[(data.Length + Block - 1) / Block * Block];
        data.CopyTo(padded, 0);
        byte[] entry = [.. header, .. padded];
        Checksum(entry, 0);
        return [.. tar.AsSpan(0, before.Start), .. entry, .. tar.AsSpan(before.Start)];
    }

    /// <summary>A member's data replaced by another text (a NOTICE, a pom, exclusions, a sparse map...), its size made true or not.</summary>
    private byte[] Content(byte[] tar, Header header, MutationContext context)
    {
        var current = tar[header.DataStart..header.DataEnd];
        var data = context.OneIn(2) ? context.Pick(Contents) : _bytes.Mutate(current, context);
        return Replaced(tar, header, data, fixSize: !context.OneIn(5), context);
    }

    private static byte[] Replaced(byte[] tar, Header header, byte[] data, bool fixSize, MutationContext context)
    {
        var padded = new byte[(data.Length + Block - 1) / Block * Block];
        data.CopyTo(padded, 0);
        var end = header.DataStart + ((header.DataEnd - header.DataStart + Block - 1) / Block * Block);
        byte[] output = [.. tar.AsSpan(0, header.DataStart), .. padded, .. tar.AsSpan(Math.Min(end, tar.Length))];
        if (fixSize)
        {
            Encoding.ASCII.GetBytes(Convert.ToString(data.Length, 8).PadLeft(11, '0') + "\0").CopyTo(output, header.Start + 124);
        }

        Checksum(output, header.Start, asSigned: context.OneIn(8));
        return output;
    }

    /// <summary>Whole blocks: one deleted, duplicated, swapped with another, zeroed, or the archive cut at a block's edge.</summary>
    private static byte[] Blocks(byte[] tar, MutationContext context)
    {
        var blocks = Math.Max(1, tar.Length / Block);
        var at = context.Next(blocks) * Block;
        var other = context.Next(blocks) * Block;
        var length = Math.Min(Block, tar.Length - at);
        switch (context.Next(5))
        {
            case 0:
                return [.. tar.AsSpan(0, at), .. tar.AsSpan(at + length)];
            case 1:
                return [.. tar.AsSpan(0, at), .. tar.AsSpan(at, length), .. tar.AsSpan(at)];
            case 2:
                var output = (byte[])tar.Clone();
                var swap = Math.Min(length, Math.Min(Block, tar.Length - other));
                tar.AsSpan(other, swap).CopyTo(output.AsSpan(at));
                tar.AsSpan(at, swap).CopyTo(output.AsSpan(other));
                return output;
            case 3:
                return [.. tar.AsSpan(0, at), .. new byte[Block], .. tar.AsSpan(at)];
            default:
                return tar[..at];
        }
    }

    /// <summary>A numeric field read leniently (octal digits, or base-256): only to find the next header.</summary>
    private static long Size(ReadOnlySpan<byte> field)
    {
        if (field[0] is 0x80 or 0xFF)
        {
            long value = field[0] == 0xFF ? -1 : 0;
            foreach (var b in field[1..])
            {
                value = (value << 8) | b;
            }

            return value;
        }

        long octal = 0;
        foreach (var b in field)
        {
            if (b is >= (byte)'0' and <= (byte)'7')
            {
                octal = (octal * 8) + (b - '0');
            }
            else if (octal > 0 || b is not ((byte)' ' or 0))
            {
                break;
            }
        }

        return octal;
    }

    /// <summary>Where a header is, its type flag, and the data that follows it.</summary>
    public readonly record struct Header(int Start, byte Type, int DataStart, int DataEnd);
}
