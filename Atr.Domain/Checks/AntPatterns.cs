using System.Text;
using System.Text.RegularExpressions;

namespace Atr.Domain.Checks;

/// <summary>
/// Path patterns in Ant syntax, as Maven and Gradle plugins take them: <c>*</c> and <c>?</c> within one folder name,
/// <c>**</c> for any number of folders, a trailing <c>/</c> meaning <c>/**</c>, always relative to a base folder and
/// case-sensitive. A pattern that matches a folder matches everything in it, as RAT skips an excluded folder whole.
/// Plexus's <c>%ant[...]</c> wrapper is read; <c>%regex[...]</c> patterns are counted in <see cref="Unsupported"/> and
/// not applied.
/// </summary>
public sealed class AntPatterns
{
    private readonly Regex? _any;

    public AntPatterns(IEnumerable<string> patterns)
    {
        var alternatives = new List<string>();
        foreach (var raw in patterns)
        {
            var pattern = raw.Trim();
            if (pattern.StartsWith("%regex[", StringComparison.Ordinal))
            {
                Unsupported++;
                continue;
            }

            if (pattern.StartsWith("%ant[", StringComparison.Ordinal) && pattern.EndsWith(']'))
            {
                pattern = pattern[5..^1].Trim();
            }

            pattern = pattern.Replace('\\', '/');
            while (pattern.StartsWith("./", StringComparison.Ordinal))
            {
                pattern = pattern[2..];
            }

            pattern = pattern.TrimStart('/');
            if (pattern.Length == 0)
            {
                continue;
            }

            if (pattern.EndsWith('/'))
            {
                pattern += "**";
            }

            alternatives.Add(Translate(pattern));
        }

        Count = alternatives.Count;
        // One expression for the whole set, so that each path is matched once however many patterns there are; linear
        // time whatever the patterns, since they come from archives that anyone may write.
        _any = alternatives.Count == 0
            ? null
            : new Regex($"^(?:{string.Join('|', alternatives)})(?:/.*)?$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    /// <summary>How many patterns apply.</summary>
    public int Count { get; }

    /// <summary>How many patterns were given in a syntax this class does not apply (<c>%regex[...]</c>).</summary>
    public int Unsupported { get; }

    /// <summary>Whether a '/'-separated path relative to the patterns' base folder is matched (excluded).</summary>
    public bool IsMatch(string path) => _any is not null && _any.IsMatch(path);

    private static string Translate(string pattern)
    {
        var segments = pattern.Split('/');
        var regex = new StringBuilder();
        var needSlash = false;
        for (var s = 0; s < segments.Length; s++)
        {
            var segment = segments[s];
            var last = s == segments.Length - 1;
            if (segment == "**")
            {
                // Zero or more folders: "a/**/b" matches "a/b", "**/b" matches "b", "a/**" matches "a" and below.
                regex.Append((needSlash, last) switch
                {
                    (true, true) => "(?:/.*)?",
                    (false, true) => ".*",
                    (true, false) => "(?:/.*)?/",
                    (false, false) => "(?:.*/)?",
                });
                needSlash = false;
                continue;
            }

            if (needSlash)
            {
                regex.Append('/');
            }

            foreach (var c in segment)
            {
                regex.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }

            needSlash = true;
        }

        return regex.ToString();
    }
}
