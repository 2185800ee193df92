using System.Buffers;
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
/// </summary>
public static class ReleasePath
{
    /// <summary>The top folder of a revision's control files (e.g. <c>.atr/license-headers-ignore</c>); never published.</summary>
    public const string ControlFolder = ".atr";

    public const int MaxLength = 1024;
    public const int MaxDepth = 32;
    public const int MaxSegmentLength = 255;

    /// <summary>Returns the path when it is valid; otherwise throws <see cref="InvalidPathException"/> naming the rule.</summary>
    public static string Validate(string? path)
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

            index += consumed;
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
