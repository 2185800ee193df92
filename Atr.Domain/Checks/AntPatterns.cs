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
/// <remarks>
/// Patterns are matched in linear time (<see cref="LinearExpressions"/>), whose expressions are costly to build: at most
/// <see cref="MaxLength"/> characters of patterns are applied, and the rest are counted in <see cref="Ignored"/>.
/// </remarks>
public sealed class AntPatterns
{
    /// <summary>The most characters of patterns applied: far more than any build's exclusions.</summary>
    public const int MaxLength = 8 * 1024;

    private readonly List<Regex> _expressions;

    public AntPatterns(IEnumerable<string> patterns)
    {
        var alternatives = new List<string>();
        var length = 0;
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

            length += pattern.Length;
            if (length > MaxLength)
            {
                Ignored++;
                continue;
            }

            alternatives.Add($"^(?:{Translate(pattern)})(?:/.*)?$");
        }

        // Each path is matched once per expression however many patterns there are.
        var refused = 0;
        _expressions = LinearExpressions.Join(alternatives, (_, _) => refused++);
        Ignored += refused;
        Count = alternatives.Count - refused;
    }

    /// <summary>How many patterns apply.</summary>
    public int Count { get; }

    /// <summary>How many patterns were given in a syntax this class does not apply (<c>%regex[...]</c>).</summary>
    public int Unsupported { get; }

    /// <summary>How many patterns are not applied because they are past <see cref="MaxLength"/>, or too complex to match in linear time.</summary>
    public int Ignored { get; }

    /// <summary>Whether a '/'-separated path relative to the patterns' base folder is matched (excluded).</summary>
    public bool IsMatch(string path)
    {
        foreach (var expression in _expressions)
        {
            if (expression.IsMatch(path))
            {
                return true;
            }
        }

        return false;
    }

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
