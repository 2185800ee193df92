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
/// <remarks>
/// Patterns are matched in linear time (<see cref="LinearExpressions"/>), whose expressions are costly to build:
/// consecutive patterns of the same sense are joined into one expression (a few, when they are long), at most
/// <see cref="MaxLength"/> characters of patterns are read, and at most <see cref="MaxRuns"/> runs of one sense.
/// </remarks>
public sealed class GitIgnorePatterns
{
    /// <summary>The most characters of patterns read: far more than any real exclusion list holds.</summary>
    public const int MaxLength = 8 * 1024;

    /// <summary>The most runs of patterns of one sense (each switch between excluding and re-including begins one).</summary>
    public const int MaxRuns = 16;

    /// <summary>Runs of consecutive patterns that all exclude or all re-include, in order.</summary>
    private readonly List<(List<Regex> Expressions, bool Negated)> _runs = [];

    /// <exception cref="DomainException">A pattern cannot be read, or there are too many; the message says which.</exception>
    public GitIgnorePatterns(IEnumerable<string> lines)
    {
        var run = new List<(string Raw, string Expression)>();
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

            var expression = Translate(body);
            try
            {
                // The syntax alone, which the backtracking engine checks at a fraction of the cost.
                _ = new Regex(expression, RegexOptions.CultureInvariant);
            }
            catch (ArgumentException e)
            {
                throw new DomainException($"The pattern '{raw}' cannot be read: {e.Message}");
            }

            if (_runs.Count == 0 || _runs[^1].Negated != negated)
            {
                if (_runs.Count == MaxRuns)
                {
                    throw new DomainException($"The patterns switch between excluding and re-including ('!') more than {MaxRuns} times, the most Atr reads");
                }

                Close(run);
                _runs.Add(([], negated));
            }

            run.Add((raw, expression));
            Count++;
        }

        Close(run);
    }

    public int Count { get; }

    /// <summary>Whether a relative, '/'-separated path is matched (excluded).</summary>
    public bool IsMatch(string path)
    {
        var trimmed = path.TrimStart('/');
        for (var i = _runs.Count - 1; i >= 0; i--)
        {
            foreach (var expression in _runs[i].Expressions)
            {
                if (expression.IsMatch(trimmed))
                {
                    return !_runs[i].Negated;
                }
            }
        }

        return false;
    }

    /// <summary>Joins the patterns of the run into the last run's expressions, and empties it.</summary>
    private void Close(List<(string Raw, string Expression)> run)
    {
        if (run.Count == 0)
        {
            return;
        }

        _runs[^1].Expressions.AddRange(LinearExpressions.Join([.. run.Select(p => p.Expression)], (index, e) =>
            throw new DomainException($"The pattern '{run[index].Raw}' is too complex to match in linear time: {e.Message}")));
        run.Clear();
    }

    /// <summary>The pattern as an anchored regular expression (no groups that capture, so that expressions join).</summary>
    private static string Translate(string pattern)
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
                    // The first character of a set may be ']' itself; a '[' with no ']' after it is literal.
                    var close = i + 2 <= body.Length ? body.IndexOf(']', i + 2) : -1;
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
        return regex.ToString();
    }
}
