using Atr.Domain.Common;

namespace Atr.Domain.Checks;

/// <summary>
/// Path patterns in gitignore syntax: <c>*</c>, <c>?</c>, <c>[a-z]</c>, <c>**</c> across folders, a leading or inner
/// <c>/</c> anchoring to the root, a trailing <c>/</c> for folders only, <c>!</c> to re-include, <c>#</c> comments
/// and <c>\</c> escapes. The last pattern that matches decides; a pattern that matches a folder matches everything
/// in it.
/// </summary>
/// <remarks>
/// Each pattern is a <see cref="Glob"/>, matched in time linear in the path; at most <see cref="MaxLength"/> characters
/// of patterns are read, so that matching one path stays cheap.
/// </remarks>
public sealed class GitIgnorePatterns
{
    /// <summary>The most characters of patterns read: far more than any real exclusion list holds.</summary>
    public const int MaxLength = 8 * 1024;

    private readonly List<(Glob Glob, bool Negated)> _rules = [];

    /// <exception cref="DomainException">A pattern cannot be read, or there are too many; the message says which.</exception>
    public GitIgnorePatterns(IEnumerable<string> lines)
    {
        var length = 0;
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

            length += body.Length;
            if (length > MaxLength)
            {
                throw new DomainException($"The patterns hold more than {MaxLength:N0} characters, the most Atr reads");
            }

            try
            {
                _rules.Add((Translate(body), negated));
            }
            catch (DomainException e)
            {
                throw new DomainException($"The pattern '{raw}' cannot be read: {e.Message}");
            }
        }
    }

    public int Count => _rules.Count;

    /// <summary>Whether a relative, '/'-separated path is matched (excluded): the last pattern that matches decides.</summary>
    public bool IsMatch(string path)
    {
        var trimmed = path.TrimStart('/');
        for (var i = _rules.Count - 1; i >= 0; i--)
        {
            if (_rules[i].Glob.IsMatch(trimmed))
            {
                return !_rules[i].Negated;
            }
        }

        return false;
    }

    /// <summary>The pattern, and everything in what it matches when that is a folder.</summary>
    /// <exception cref="DomainException">A set in the pattern cannot be read.</exception>
    private static Glob Translate(string pattern)
    {
        var folderOnly = pattern.EndsWith('/');
        var body = pattern.TrimEnd('/');
        var anchored = body.Contains('/', StringComparison.Ordinal);
        body = body.TrimStart('/');
        var glob = new Glob.Builder();
        if (!anchored)
        {
            glob.AnyFolders();
        }

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
                        glob.Anything();
                    }
                    else
                    {
                        glob.AnyFolders();
                        i++;
                    }

                    i++;
                    continue;
                }
            }

            switch (c)
            {
                case '\\' when i + 1 < body.Length:
                    glob.Char(body[++i]);
                    break;
                case '[':
                    var close = CharacterSet.Close(body, i);
                    if (close < 0)
                    {
                        glob.Char('[');
                        break;
                    }

                    glob.Set(new CharacterSet(body[(i + 1)..close]));
                    i = close;
                    break;
                default:
                    glob.Wildcard(c);
                    break;
            }
        }

        if (folderOnly)
        {
            glob.Char('/').Anything();
        }
        else
        {
            glob.AnythingBelow();
        }

        return glob.Build();
    }
}
