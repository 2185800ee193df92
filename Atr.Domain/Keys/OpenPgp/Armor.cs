using System.Text;
using Atr.Domain.Common;
using Org.BouncyCastle.Bcpg;

namespace Atr.Domain.Keys.OpenPgp;

/// <summary>One ASCII-armoured block found in a file: its kind ("PUBLIC KEY BLOCK", "SIGNATURE", ...) and its bytes.</summary>
/// <param name="Index">Its position among the file's blocks, from 1.</param>
public sealed record ArmoredBlock(int Index, string Kind, ReadOnlyMemory<byte> Text);

/// <summary>
/// ASCII armour (RFC 4880 §6) read the way GnuPG reads it: the file is bytes, so text around and inside the blocks
/// may be in any encoding; header lines ("Comment: ...") are skipped whatever they hold; CRLF and trailing spaces do
/// not matter; the CRC line is checked when present and may be missing.
/// </summary>
public static class Armor
{
    private const int Crc24Init = 0xB704CE;
    private const int Crc24Polynomial = 0x1864CFB;

    private static ReadOnlySpan<byte> Begin => "-----BEGIN PGP "u8;

    private static ReadOnlySpan<byte> Dashes => "-----"u8;

    /// <summary>Every armoured block of <paramref name="data"/>, in order; an unterminated last block is included as it is.</summary>
    public static IReadOnlyList<ArmoredBlock> Blocks(ReadOnlyMemory<byte> data)
    {
        var blocks = new List<ArmoredBlock>();
        var at = 0;
        while (true)
        {
            var begin = data.Span[at..].IndexOf(Begin);
            if (begin < 0)
            {
                return blocks;
            }

            begin += at;
            var kindStart = begin + Begin.Length;
            var kindLength = data.Span[kindStart..].IndexOf(Dashes);
            var lineEnd = data.Span[kindStart..].IndexOf((byte)'\n');
            if (kindLength < 0 || (lineEnd >= 0 && kindLength > lineEnd))
            {
                at = kindStart;
                continue;
            }

            var kind = Encoding.ASCII.GetString(data.Span.Slice(kindStart, kindLength));
            var endMarker = Encoding.ASCII.GetBytes($"-----END PGP {kind}-----");
            var end = data.Span[kindStart..].IndexOf(endMarker);
            var stop = end < 0 ? data.Length : kindStart + end + endMarker.Length;
            blocks.Add(new ArmoredBlock(blocks.Count + 1, kind, data[begin..stop]));
            at = stop;
        }
    }

    /// <summary>The binary content of an armoured block.</summary>
    /// <exception cref="DomainException">The block is cut short, its base64 is broken or its checksum does not match.</exception>
    public static byte[] Decode(ArmoredBlock block)
    {
        var lines = Lines(block.Text.Span);
        var body = new StringBuilder();
        int? crc = null;
        var ended = false;
        var inHeaders = true;
        foreach (var line in lines.Skip(1))
        {
            if (line.StartsWith("-----END PGP ", StringComparison.Ordinal))
            {
                ended = true;
                break;
            }

            if (inHeaders)
            {
                // Headers run to the first blank line; a block without any starts its base64 at once.
                inHeaders = line.Length > 0 && line.Contains(": ", StringComparison.Ordinal);
                if (inHeaders || line.Length == 0)
                {
                    continue;
                }
            }

            if (line.StartsWith('=') && line.Length == 5)
            {
                crc = FromBase64(line[1..], block) is [var a, var b, var c] ? (a << 16) | (b << 8) | c : null;
                continue;
            }

            body.Append(line);
        }

        if (!ended)
        {
            throw new DomainException($"Block {block.Index} has no \"-----END PGP {block.Kind}-----\" line: the file is cut short");
        }

        var bytes = FromBase64(body.ToString(), block);
        if (crc is { } expected && Crc24(bytes) != expected)
        {
            throw new DomainException($"Block {block.Index} is damaged: its armour checksum (CRC-24) does not match its content");
        }

        return bytes;
    }

    /// <summary>Packets armoured, with the given comment headers and LF line ends; the kind comes from the first packet.</summary>
    public static string Encode(ReadOnlySpan<byte> packets, params IEnumerable<string> comments)
    {
        using var buffer = new MemoryStream();
        var builder = ArmoredOutputStream.Build();
        foreach (var comment in comments)
        {
            builder.AddComment(comment);
        }

        using (var armored = builder.Build(buffer))
        {
            armored.Write(packets);
        }

        return Encoding.ASCII.GetString(buffer.ToArray()).ReplaceLineEndings("\n");
    }

    private static List<string> Lines(ReadOnlySpan<byte> text)
    {
        var lines = new List<string>();
        foreach (var range in text.Split((byte)'\n'))
        {
            // Header values may be in any encoding; only ASCII matters to the armour itself.
            lines.Add(Encoding.Latin1.GetString(text[range]).TrimEnd('\r', ' ', '\t'));
        }

        return lines;
    }

    private static byte[] FromBase64(string text, ArmoredBlock block)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out var written)
            ? buffer[..written]
            : throw new DomainException($"Block {block.Index} is damaged: its content is not valid base64");
    }

    /// <summary>The armour checksum of RFC 4880 §6.1.</summary>
    internal static int Crc24(ReadOnlySpan<byte> data)
    {
        var crc = Crc24Init;
        foreach (var b in data)
        {
            crc ^= b << 16;
            for (var bit = 0; bit < 8; bit++)
            {
                crc <<= 1;
                if ((crc & 0x1000000) != 0)
                {
                    crc ^= Crc24Polynomial;
                }
            }
        }

        return crc & 0xFFFFFF;
    }
}
