using System.Text;
using System.Text.RegularExpressions;
using Atr.Domain.Common;

namespace Atr.Domain.Checks;

/// <summary>
/// Path patterns in gitignore syntax: <c>*</c>, <c>?</c>, <c>[a-z]</c>, <c>**</c> across folders, a leading or inner
/// <c>/</c> anchoring to the root, a trailing <c>/</c> for folders only, <c>!</c> to re-include, <c>#</c> comments
/// and <c>\</c> escapes. The last pattern that matches decides; a pattern that matches a folder matches everything
/// in it.
/// </summary>
public sealed class GitIgnorePatterns
{
    private readonly List<(Regex Pattern, bool Negated)> _rules = [];

    /// <exception cref="DomainException">A pattern cannot be read; the message names it.</exception>
    public GitIgnorePatterns(IEnumerable<string> lines)
    {
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            line = line.EndsWith("\\ ", StringComparison.Ordinal) ? line : line.TrimEnd();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var negated = line.StartsWith('!');
            var body = negated ? line[1..] : line;
            if (body.StartsWith("\\#", StringComparison.Ordinal) || body.StartsWith("\\!", StringComparison.Ordinal))
            {
                body = body[1..];
            }

            if (body.Length == 0 || body == "/")
            {
                continue;
            }

            try
            {
                _rules.Add((Compile(body), negated));
            }
            catch (ArgumentException e)
            {
                throw new DomainException($"The pattern '{raw}' cannot be read: {e.Message}");
            }
        }
    }

    public int Count => _rules.Count;

    /// <summary>Whether a relative, '/'-separated path is matched (excluded).</summary>
    public bool IsMatch(string path)
    {
        var trimmed = path.TrimStart('/');
        var matched = false;
        foreach (var (pattern, negated) in _rules)
        {
            if (pattern.IsMatch(trimmed))
            {
                matched = !negated;
            }
        }

        return matched;
    }

    private static Regex Compile(string pattern)
    {
        var folderOnly = pattern.EndsWith('/');
        var body = pattern.TrimEnd('/');
        var anchored = body.Contains('/', StringComparison.Ordinal);
        body = body.TrimStart('/');
        var regex = new StringBuilder(anchored ? "^" : "^(?:.*/)?");
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '*' && i + 1 < body.Length && body[i + 1] == '*')
            {
                var atStart = i == 0 || body[i - 1] == '/';
                var atEnd = i + 2 == body.Length || body[i + 2] == '/';
                if (atStart && atEnd)
                {
                    if (i + 2 == body.Length)
                    {
                        regex.Append(".*");
                    }
                    else
                    {
                        regex.Append("(?:.*/)?");
                        i++;
                    }

                    i++;
                    continue;
                }
            }

            switch (c)
            {
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '\\' when i + 1 < body.Length:
                    regex.Append(Regex.Escape(body[++i].ToString()));
                    break;
                case '[':
                    var close = body.IndexOf(']', i + 2);
                    if (close < 0)
                    {
                        regex.Append("\\[");
                        break;
                    }

                    var set = body[(i + 1)..close];
                    regex.Append('[').Append(set.StartsWith('!') ? "^/" + set[1..] : set).Append(']');
                    i = close;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        regex.Append(folderOnly ? "/.*$" : "(?:/.*)?$");
        // Linear time whatever the pattern: patterns come from archives and policies that anyone may write.
        return new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }
}
