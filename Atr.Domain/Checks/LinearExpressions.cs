using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Atr.Domain.Checks;

/// <summary>
/// Path patterns as expressions matched in linear time (<see cref="RegexOptions.NonBacktracking"/>), since archives and
/// policies that anyone may write give them. Such an expression costs milliseconds and hundreds of KiB to build, so
/// patterns are joined into as few expressions as the engine's size limit allows, and each expression is built once
/// per process: the same policy and build patterns are matched for every archive of every release.
/// </summary>
internal static class LinearExpressions
{
    /// <summary>How long one joined expression grows before the next is begun, well within the engine's size limit.</summary>
    private const int ExpressionLength = 2048;

    private const int Cached = 64;

    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    /// <summary>
    /// Expressions that together match what any of <paramref name="alternatives"/> (each a whole, anchored expression)
    /// matches. One the engine refuses even alone (too large for linear time) is left out and passed, by its index, to
    /// <paramref name="refused"/>.
    /// </summary>
    public static List<Regex> Join(IReadOnlyList<string> alternatives, Action<int, NotSupportedException> refused)
    {
        var expressions = new List<Regex>();
        var start = 0;
        var length = 0;
        for (var i = 0; i <= alternatives.Count; i++)
        {
            if (i == alternatives.Count || (i > start && length + alternatives[i].Length > ExpressionLength))
            {
                Add(start, i);
                start = i;
                length = 0;
            }

            if (i < alternatives.Count)
            {
                length += alternatives[i].Length + 1;
            }
        }

        return expressions;

        void Add(int from, int to)
        {
            if (from == to)
            {
                return;
            }

            try
            {
                expressions.Add(Compile(string.Join('|', alternatives.Skip(from).Take(to - from))));
            }
            catch (NotSupportedException e)
            {
                if (to - from == 1)
                {
                    refused(from, e);
                    return;
                }

                Add(from, (from + to) / 2);
                Add((from + to) / 2, to);
            }
        }
    }

    private static Regex Compile(string expression)
    {
        if (Compiled.TryGetValue(expression, out var cached))
        {
            return cached;
        }

        var regex = new Regex(expression, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        if (Compiled.Count >= Cached)
        {
            Compiled.Clear();
        }

        return Compiled[expression] = regex;
    }
}
