using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Atr.Domain.Common;

namespace Atr.Domain.Storage;

/// <summary>A user-supplied path broke one of the rules of <see cref="ReleasePath"/>; the message names the rule.</summary>
public sealed class InvalidPathException(string path, string rule)
    : DomainException($"The path '{Printable(path)}' is not allowed: {rule}")
{
    public string Rule { get; } = rule;

    /// <summary>The path with control and format characters made visible, so that the message itself is safe.</summary>
    private static string Printable(string path)
    {
        var shown = string.Concat(path.Take(200).Select(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format
            ? $"\\u{(int)c:x4}"
            : c.ToString()));
        return path.Length > 200 ? shown + "…" : shown;
    }
}

/// <summary>
/// The one validator for every path a user gives (uploads, moves, deletes, API, downloads). A valid path is
/// relative and '/'-separated, with no empty, '.'-leading or blank-edged segment, no backslash, no control or
/// invisible formatting character (NUL, bidirectional overrides, zero-width characters), and bounded length and depth.
/// The one '.'-leading segment allowed is the top folder <c>.atr/</c>, which holds Atr's own control files.
/// Nothing may look like a separator or a dot without being one: no character that renders as '/', '\' or '.'
/// (fullwidth forms, division and fraction slashes, leaders, ...), and no percent escape that decodes to one.
/// </summary>
public static class ReleasePath
{
    /// <summary>The top folder of a revision's control files (e.g. <c>.atr/license-headers-ignore</c>); never published.</summary>
    public const string ControlFolder = ".atr";

    public const int MaxLength = 1024;
    public const int MaxDepth = 32;
    public const int MaxSegmentLength = 255;

    /// <summary>
    /// Characters that Unicode's confusables data (UTS #39) lists as looking like '/', '\' or '.', kept to symbols and
    /// punctuation: the letters and digits among them (KATAKANA LETTER NO, CJK 丿 and 丶, EXTENDED ARABIC-INDIC DIGIT
    /// ZERO, ...) are words of their scripts. Compatibility forms (fullwidth '／', '．', '＼', small forms, leaders and
    /// the ellipsis) are found through their NFKC form instead.
    /// </summary>
    private static readonly FrozenDictionary<int, char> LookAlikes = new Dictionary<int, char>
    {
        [0x1735] = '/', [0x2041] = '/', [0x2044] = '/', [0x2215] = '/', [0x2571] = '/', [0x27CB] = '/', [0x29F8] = '/',
        [0x2F03] = '/', [0x31D3] = '/', [0x1D23A] = '/',
        [0x2216] = '\\', [0x27CD] = '\\', [0x29F5] = '\\', [0x29F9] = '\\', [0x2F02] = '\\', [0x31D4] = '\\', [0xFE68] = '\\',
        [0xFF3C] = '\\', [0x1D20F] = '\\', [0x1D23B] = '\\',
        [0x2024] = '.', [0xA60E] = '.', [0x1D16D] = '.',
    }.ToFrozenDictionary();

    /// <summary>Returns the path when it is valid; otherwise throws <see cref="InvalidPathException"/> naming the rule.</summary>
    public static string Validate(string? path) => Validate(path, lookAlikes: true);

    /// <summary>
    /// Validates a path that names a file which may already exist (to read, download, delete or move it): every rule
    /// but the look-alike ones, which came later, so that files stored before them keep working.
    /// </summary>
    public static string ValidateExisting(string? path) => Validate(path, lookAlikes: false);

    private static string Validate(string? path, bool lookAlikes)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new InvalidPathException("", "a path is required");
        }

        if (path.Length > MaxLength)
        {
            throw new InvalidPathException(path, $"it is longer than {MaxLength} characters");
        }

        for (var index = 0; index < path.Length;)
        {
            if (Rune.DecodeFromUtf16(path.AsSpan(index), out var rune, out var consumed) != OperationStatus.Done)
            {
                throw new InvalidPathException(path, "it is not valid Unicode (a lone surrogate)");
            }

            if (Rune.IsControl(rune))
            {
                throw new InvalidPathException(path, "it contains a control character");
            }

            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
            {
                throw new InvalidPathException(path, "it contains an invisible formatting character (such as a direction override)");
            }

            if (rune.Value == '\\')
            {
                throw new InvalidPathException(path, "it contains a backslash; separate folders with '/'");
            }

            if (lookAlikes && !rune.IsAscii && LookAlike(rune) is { } looks)
            {
                throw new InvalidPathException(path, $"it contains '{rune}' (U+{rune.Value:X4}), which looks like '{looks}'; names may only use '/' to separate folders and '.' as itself");
            }

            index += consumed;
        }

        if (lookAlikes)
        {
            RefuseEncodedLookAlikes(path);
        }

        if (path[0] == '/')
        {
            throw new InvalidPathException(path, "it is absolute; give it relative to the release, without a leading '/'");
        }

        if (path.Length >= 2 && path[1] == ':' && char.IsAsciiLetter(path[0]))
        {
            throw new InvalidPathException(path, "it starts with a drive letter");
        }

        var segments = path.Split('/');
        if (segments.Length > MaxDepth)
        {
            throw new InvalidPathException(path, $"it is more than {MaxDepth} folders deep");
        }

        for (var position = 0; position < segments.Length; position++)
        {
            var segment = segments[position];
            if (segment.Length == 0)
            {
                throw new InvalidPathException(path, "it has an empty segment ('//' or a trailing '/')");
            }

            if (segment == "..")
            {
                throw new InvalidPathException(path, "it contains '..'");
            }

            if (segment[0] == '.' && !(position == 0 && segment == ControlFolder && segments.Length > 1))
            {
                throw new InvalidPathException(path, $"the segment '{segment}' starts with '.'");
            }

            if (char.IsWhiteSpace(segment[0]) || char.IsWhiteSpace(segment[^1]))
            {
                throw new InvalidPathException(path, $"the segment '{segment}' starts or ends with a space");
            }

            if (segment.Length > MaxSegmentLength)
            {
                throw new InvalidPathException(path, $"a segment is longer than {MaxSegmentLength} characters");
            }
        }

        return path;
    }

    /// <summary>What a non-ASCII character would be taken for: '/', '\' or '.', or null when it looks like none of them.</summary>
    private static char? LookAlike(Rune rune)
    {
        if (LookAlikes.TryGetValue(rune.Value, out var looks))
        {
            return looks;
        }

        var compatible = rune.ToString().Normalize(NormalizationForm.FormKC);
        return compatible.IndexOfAny(['/', '\\', '.']) is var at and >= 0 ? compatible[at] : null;
    }

    /// <summary>
    /// Refuses a run of percent escapes (such as <c>%2F</c> or <c>%EF%BC%8F</c>) that decodes to a separator, a dot, a
    /// control or invisible character, a look-alike of them, or another escape (<c>%252F</c>).
    /// </summary>
    private static void RefuseEncodedLookAlikes(string path)
    {
        for (var index = path.IndexOf('%'); index >= 0; index = path.IndexOf('%', index + 1))
        {
            var end = index;
            while (end + 2 < path.Length && path[end] == '%' && char.IsAsciiHexDigit(path[end + 1]) && char.IsAsciiHexDigit(path[end + 2]))
            {
                end += 3;
            }

            if (end == index)
            {
                continue;
            }

            var escapes = path[index..end];
            var decoded = Uri.UnescapeDataString(escapes);
            foreach (var rune in decoded.EnumerateRunes())
            {
                // An escape that is not UTF-8 stays as it was, '%' included: it decodes to nothing that could mislead.
                if (rune.Value == '%' && !escapes.Contains("%25", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var looks = rune.Value is '/' or '\\' or '.' or '%'
                    ? (char)rune.Value
                    : Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format
                        ? '\0'
                        : rune.IsAscii ? null : LookAlike(rune);
                if (looks is { } shown)
                {
                    throw new InvalidPathException(path, shown switch
                    {
                        '\0' => $"it contains '{escapes}', an encoded control or invisible character",
                        '%' => $"it contains '{escapes}', an encoded '%' (a double-encoded name)",
                        _ when rune.Value == shown => $"it contains '{escapes}', an encoded '{shown}'; percent escapes of separators and dots are not allowed",
                        _ => $"it contains '{escapes}', an encoded '{rune}' that looks like '{shown}'",
                    });
                }
            }

            index = end - 1;
        }
    }

    /// <summary>Whether the path is one of Atr's control files, inside <c>.atr/</c>.</summary>
    public static bool IsControlFile(string path) => path.StartsWith(ControlFolder + "/", StringComparison.Ordinal);

    /// <summary>The folder part ("a/b" of "a/b/c.txt"), or "" for a file at the top.</summary>
    public static string Folder(string path) => path.LastIndexOf('/') is var slash and >= 0 ? path[..slash] : "";

    /// <summary>The file name ("c.txt" of "a/b/c.txt").</summary>
    public static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>Joins a folder (possibly empty) and a relative path, then validates the result.</summary>
    public static string Combine(string? folder, string path) =>
        Validate(string.IsNullOrEmpty(folder) ? path : $"{folder.TrimEnd('/')}/{path}");
}
