using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Atr.Domain.Common;
using Atr.Domain.Keys.OpenPgp;

namespace Atr.Tests.Fuzzing;

/// <summary>
/// Edits ASCII-armoured OpenPGP text (RFC 4880 §6): most often one block is decoded, its packets mutated
/// (<see cref="OpenPgpPacketMutator"/>, or the byte mutator) and armoured again, with a true checksum line, none, or a
/// wrong one; otherwise the armour itself: its BEGIN and END lines and their kinds, header lines, the checksum line,
/// the base64 lines' lengths and line ends, and whole blocks deleted, duplicated, swapped or taken from another seed.
/// </summary>
public sealed class ArmorMutator : IMutator
{
    private static readonly string[] Kinds = ["PUBLIC KEY BLOCK", "SIGNATURE", "PRIVATE KEY BLOCK", "MESSAGE", "PUBLIC KEY", "ARMORED FILE", ""];

    private static readonly string[] Headers =
    [
        "Comment: Rita's release key", "Version: GnuPG v1", "Hash: SHA256", "Comment: \u00e9t\u00e9", "Charset: UTF-8", "NoColon",
        "Comment:", ": value", "Comment: " + new string('x', 300),
    ];

    private static readonly ConditionalWeakTable<byte[], byte[]> Decoded = [];

    private readonly OpenPgpPacketMutator _packets = new();
    private readonly ByteMutator _bytes = new("\n", "\r\n", "=", "-----", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n", "-----END PGP PUBLIC KEY BLOCK-----\n",
        "-----BEGIN PGP SIGNATURE-----\n", "-----END PGP SIGNATURE-----\n", "Comment: x\n", "\n\n", "\u00ff\u00fe");

    public byte[]? Mutate(byte[] input, MutationContext context)
    {
        var blocks = Armor.Blocks(input);
        if (blocks.Count == 0)
        {
            return null;
        }

        var block = context.Pick(blocks);
        var (start, end) = Span(block);
        var text = input[start..end];
        var replacement = context.Next(10) switch
        {
            < 6 => Repacked(block, context),
            6 => Lines(text, context),
            7 => Marker(text, context),
            8 => context.OneIn(2) ? [] : [.. text, (byte)'\n', .. text],
            _ => Foreign(context) ?? text,
        };
        return replacement is null ? null : [.. input.AsSpan(0, start), .. replacement, .. input.AsSpan(end)];
    }

    /// <summary>The binary content of an armoured seed's first decodable block (the seed itself when it holds none), decoded once.</summary>
    public static byte[] Binary(byte[] seed) => Decoded.GetValue(seed, s =>
    {
        foreach (var block in Armor.Blocks(s))
        {
            try
            {
                return Armor.Decode(block);
            }
            catch (DomainException)
            {
                // Not this one: the next block may decode.
            }
        }

        return s;
    });

    /// <summary>Where a block's text is in the data it was found in (it is a slice of it).</summary>
    public static (int Start, int End) Span(ArmoredBlock block) =>
        MemoryMarshal.TryGetArray(block.Text, out var segment) ? (segment.Offset, segment.Offset + segment.Count)
        : throw new InvalidOperationException("An armoured block is always a slice of its data");

    /// <summary>The block decoded, its binary mutated and armoured again (true checksum, none, or a wrong one).</summary>
    private byte[]? Repacked(ArmoredBlock block, MutationContext context)
    {
        byte[] binary;
        try
        {
            binary = Armor.Decode(block);
        }
        catch (DomainException)
        {
            return null;
        }

        var mutated = context.OneIn(4) ? _bytes.Mutate(binary, context) : _packets.Mutate(binary, context) ?? _bytes.Mutate(binary, context);
        var lines = Armoured(mutated, block.Kind);
        var crc = lines.Count - 2;
        if (context.OneIn(3))
        {
            if (context.OneIn(2))
            {
                lines.RemoveAt(crc);
            }
            else
            {
                lines[crc] = "=" + Convert.ToBase64String([(byte)context.Next(256), (byte)context.Next(256), (byte)context.Next(256)]);
            }
        }

        return Encoding.ASCII.GetBytes(string.Join('\n', lines));
    }

    /// <summary>Binary data armoured as GnuPG armours it: 64 base64 characters a line, then the checksum line.</summary>
    private static List<string> Armoured(byte[] binary, string kind)
    {
        var base64 = Convert.ToBase64String(binary);
        var crc = Armor.Crc24(binary);
        return
        [
            $"-----BEGIN PGP {kind}-----",
            "",
            .. Enumerable.Range(0, (base64.Length + 63) / 64).Select(i => base64.Substring(i * 64, Math.Min(64, base64.Length - (i * 64)))),
            "=" + Convert.ToBase64String([(byte)(crc >> 16), (byte)(crc >> 8), (byte)crc]),
            $"-----END PGP {kind}-----",
        ];
    }

    /// <summary>The block's lines edited: a header added or removed, the base64 rewrapped, CR line ends, a line dropped.</summary>
    private static byte[] Lines(byte[] text, MutationContext context)
    {
        var lines = Encoding.Latin1.GetString(text).Split('\n').ToList();
        switch (context.Next(5))
        {
            case 0:
                lines.Insert(Math.Min(1, lines.Count), context.Pick(Headers));
                break;
            case 1 when lines.Count > 2:
                lines.RemoveAt(context.Next(1, lines.Count - 1));
                break;
            case 2:
                var body = string.Concat(lines.Skip(1).TakeWhile(l => !l.StartsWith("-----", StringComparison.Ordinal) && !l.StartsWith('=')));
                var width = context.Pick<int>([1, 4, 63, 64, 65, 76, 1000]);
                var wrapped = Enumerable.Range(0, (body.Length + width - 1) / width).Select(i => body.Substring(i * width, Math.Min(width, body.Length - (i * width))));
                lines = [lines[0], "", .. wrapped, .. lines.SkipWhile(l => !l.StartsWith('=') && !l.StartsWith("-----END", StringComparison.Ordinal))];
                break;
            case 3:
                lines = [.. lines.Select(l => l + (context.OneIn(2) ? "\r" : " \t"))];
                break;
            default:
                var at = context.Next(lines.Count);
                lines.Insert(at, lines[context.Next(lines.Count)]);
                break;
        }

        return Encoding.Latin1.GetBytes(string.Join('\n', lines));
    }

    /// <summary>The BEGIN or END line changed: another kind, dashes miscounted, or gone.</summary>
    private static byte[] Marker(byte[] text, MutationContext context)
    {
        var lines = Encoding.Latin1.GetString(text).Split('\n').ToList();
        var at = context.OneIn(2) ? 0 : lines.Count - 1;
        lines[at] = context.Next(4) switch
        {
            0 => "",
            1 => lines[at].Replace("-----", "----", StringComparison.Ordinal),
            _ => $"-----{(at == 0 ? "BEGIN" : "END")} PGP {context.Pick(Kinds)}-----",
        };
        return Encoding.Latin1.GetBytes(string.Join('\n', lines));
    }

    private static byte[]? Foreign(MutationContext context)
    {
        var other = context.OtherSeed();
        var blocks = Armor.Blocks(other);
        if (blocks.Count == 0)
        {
            return null;
        }

        var (start, end) = Span(context.Pick(blocks));
        return other[start..end];
    }
}
