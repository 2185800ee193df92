using System.Buffers;
using System.Text;

namespace Atr.Domain.Checks.Licenses;

/// <summary>
/// A file's first lines reduced to what a licence header says: its ASCII letters and digits in lower case, words
/// separated by one space, with one space at each end, so that a phrase normalised the same way is found with one
/// ordinal search whatever the comment syntax, line breaks, punctuation or quotes. Comment leaders that are words
/// (<c>rem</c> of batch files, <c>dnl</c> of m4) and javadoc's <c>&lt;p&gt;</c> and <c>&lt;br&gt;</c> tags go too,
/// since they would otherwise sit in the middle of a reflowed sentence. One pass over the bytes through a lookup table,
/// nothing allocated: this runs for every source file of a release.
/// </summary>
internal static class HeadText
{
    /// <summary>How many lines from the top a header may sit in, as RAT reads them.</summary>
    public const int Lines = 50;

    private const byte Gap = 0;
    private const byte LineEnd = 1;
    private const byte Angle = 2;

    private static readonly SearchValues<byte> LettersAndDigits =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"u8);

    /// <summary>Each byte's lower-case letter or digit, or what else it is: <see cref="Gap"/>, <see cref="LineEnd"/>, <see cref="Angle"/>.</summary>
    private static readonly byte[] Map = CreateMap();

    /// <summary>The most characters <see cref="Normalize"/> writes for a head of this many bytes.</summary>
    public static int MaxLength(int bytes) => bytes + 2;

    /// <summary>Normalises a phrase written as people write it, for comparing with normalised heads.</summary>
    public static string Phrase(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var buffer = new char[MaxLength(bytes.Length)];
        return new string(buffer, 0, Normalize(bytes, buffer, out _));
    }

    /// <summary>Whether any ASCII letter or digit is in <paramref name="bytes"/>, at any line.</summary>
    public static bool HasLetterOrDigit(ReadOnlySpan<byte> bytes) => bytes.IndexOfAny(LettersAndDigits) >= 0;

    /// <summary>Writes the normalised first <see cref="Lines"/> lines of <paramref name="head"/> and answers how many characters.</summary>
    /// <param name="output">At least <see cref="MaxLength"/> of the head's length.</param>
    public static int Normalize(ReadOnlySpan<byte> head, Span<char> output, out Facts facts)
    {
        facts = default;
        var map = Map;
        output[0] = ' ';
        var length = 1;
        var lines = 0;
        var lineStart = true;
        var i = 0;
        while (i < head.Length)
        {
            var c = map[head[i]];
            if (c > Angle)
            {
                if (lineStart)
                {
                    lineStart = false;
                    if (IsWordLeader(head[i..]))
                    {
                        i += 3;
                        continue;
                    }

                    facts.GeneratedByLine |= StartsWithGeneratedBy(head[i..]);
                }

                output[length++] = (char)c;
                i++;
                continue;
            }

            if (c == LineEnd && ++lines == Lines)
            {
                break;
            }

            lineStart |= c == LineEnd;
            if (output[length - 1] != ' ')
            {
                output[length++] = ' ';
            }

            i += c == Angle ? Math.Max(1, Tag(head[i..])) : 1;
        }

        facts.HasWords = length > 1;
        if (output[length - 1] != ' ')
        {
            output[length++] = ' ';
        }

        return length;
    }

    private static byte[] CreateMap()
    {
        var map = new byte[256];
        for (var b = 0; b < 256; b++)
        {
            map[b] = b switch
            {
                >= 'a' and <= 'z' or >= '0' and <= '9' => (byte)b,
                >= 'A' and <= 'Z' => (byte)(b | 0x20),
                '\n' => LineEnd,
                '<' => Angle,
                _ => Gap,
            };
        }

        return map;
    }

    /// <summary>Whether the line's first word is a comment leader that is a word: <c>rem</c> (batch) or <c>dnl</c> (m4).</summary>
    private static bool IsWordLeader(ReadOnlySpan<byte> text) =>
        text.Length >= 3
        && (Ascii.EqualsIgnoreCase(text[..3], "rem"u8) || Ascii.EqualsIgnoreCase(text[..3], "dnl"u8))
        && (text.Length == 3 || Map[text[3]] <= Angle);

    /// <summary>The length of a <c>&lt;p&gt;</c>, <c>&lt;/p&gt;</c>, <c>&lt;br&gt;</c> or <c>&lt;br/&gt;</c> tag at the start, or 0.</summary>
    private static int Tag(ReadOnlySpan<byte> text)
    {
        var i = 1;
        if (i < text.Length && text[i] == '/')
        {
            i++;
        }

        if (i < text.Length && (text[i] | 0x20) == 'p')
        {
            i++;
        }
        else if (i + 1 < text.Length && (text[i] | 0x20) == 'b' && (text[i + 1] | 0x20) == 'r')
        {
            i += 2;
        }
        else
        {
            return 0;
        }

        while (i < text.Length && text[i] is (byte)' ' or (byte)'/')
        {
            i++;
        }

        return i < text.Length && text[i] == '>' ? i + 1 : 0;
    }

    /// <summary>Whether a line's first words are "generated by", the way code generators begin their notices.</summary>
    private static bool StartsWithGeneratedBy(ReadOnlySpan<byte> text)
    {
        if (text.Length < 12 || !Ascii.EqualsIgnoreCase(text[..9], "generated"u8))
        {
            return false;
        }

        var rest = text[9..];
        var spaces = rest.IndexOfAnyExcept((byte)' ', (byte)'\t');
        return spaces > 0 && rest.Length >= spaces + 2 && Ascii.EqualsIgnoreCase(rest.Slice(spaces, 2), "by"u8)
            && (rest.Length == spaces + 2 || Map[rest[spaces + 2]] <= Angle);
    }

    /// <summary>What the normalisation noticed on its way.</summary>
    public struct Facts
    {
        /// <summary>Some letter or digit was read.</summary>
        public bool HasWords;

        /// <summary>A line begins (after its comment leader) with "generated by".</summary>
        public bool GeneratedByLine;
    }
}
