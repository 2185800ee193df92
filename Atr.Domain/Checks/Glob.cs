using Atr.Domain.Common;

namespace Atr.Domain.Checks;

/// <summary>
/// One path pattern as a small automaton, matched by following every state it can be in at once: a path of n
/// characters against a pattern of m steps costs at most n × m step visits, whatever the pattern, and building it
/// costs one array. Patterns come from archives and policies that anyone may write, so no pattern may run away.
/// <see cref="AntPatterns"/> and <see cref="GitIgnorePatterns"/> translate their syntaxes to these steps.
/// </summary>
internal sealed class Glob
{
    private readonly Step[] _steps;

    private Glob(Step[] steps) => _steps = steps;

    public bool IsMatch(string path)
    {
        var count = _steps.Length + 1;
        Span<bool> current = count <= 256 ? stackalloc bool[count] : new bool[count];
        Span<bool> next = count <= 256 ? stackalloc bool[count] : new bool[count];
        current[0] = true;
        Close(current);
        foreach (var c in path)
        {
            next.Clear();
            var alive = false;
            for (var i = 0; i < _steps.Length; i++)
            {
                if (!current[i])
                {
                    continue;
                }

                var step = _steps[i];
                var target = step.Kind switch
                {
                    StepKind.Char when c == step.Char => i + 1,
                    StepKind.NotSlash when c != '/' => i + 1,
                    StepKind.Set when step.Set!.Contains(c) => i + 1,
                    StepKind.StarNotSlash when c != '/' => i,
                    StepKind.AnyRun => i,
                    _ => -1,
                };
                if (target >= 0)
                {
                    next[target] = alive = true;
                }
            }

            if (!alive)
            {
                return false;
            }

            Close(next);
            var swap = current;
            current = next;
            next = swap;
        }

        return current[_steps.Length];
    }

    /// <summary>Adds the states reached without reading a character; every such move goes forward, so one pass does.</summary>
    private void Close(Span<bool> states)
    {
        for (var i = 0; i < _steps.Length; i++)
        {
            if (!states[i])
            {
                continue;
            }

            switch (_steps[i].Kind)
            {
                case StepKind.StarNotSlash or StepKind.AnyRun:
                    states[i + 1] = true;
                    break;
                case StepKind.Skip:
                    states[i + 1] = true;
                    states[_steps[i].To] = true;
                    break;
            }
        }
    }

    private enum StepKind : byte
    {
        /// <summary>One given character.</summary>
        Char,

        /// <summary>One character other than '/'.</summary>
        NotSlash,

        /// <summary>One character of a set (never '/').</summary>
        Set,

        /// <summary>Any number of characters other than '/'.</summary>
        StarNotSlash,

        /// <summary>Any number of any characters.</summary>
        AnyRun,

        /// <summary>Nothing read: the next step, or the step <see cref="Step.To"/> (the end of an optional part).</summary>
        Skip,
    }

    private readonly record struct Step(StepKind Kind, char Char = default, CharacterSet? Set = null, int To = 0);

    /// <summary>Builds a glob step by step, in the order its parts are matched.</summary>
    public sealed class Builder
    {
        private readonly List<Step> _steps = [];

        public Builder Char(char c) => Add(new Step(StepKind.Char, c));

        /// <summary><c>?</c>: one character within a folder name.</summary>
        public Builder OneInName() => Add(new Step(StepKind.NotSlash));

        /// <summary><c>*</c>: any run of characters within a folder name.</summary>
        public Builder AnyInName() => Add(new Step(StepKind.StarNotSlash));

        /// <summary>Any run of characters, across folders.</summary>
        public Builder Anything() => Add(new Step(StepKind.AnyRun));

        /// <summary>A character of a pattern as both syntaxes read it: <c>*</c>, <c>?</c>, or itself.</summary>
        public Builder Wildcard(char c) => c switch
        {
            '*' => AnyInName(),
            '?' => OneInName(),
            _ => Char(c),
        };

        public Builder Set(CharacterSet set) => Add(new Step(StepKind.Set, Set: set));

        /// <summary>Nothing, or any folders: a path's start or anything ending in '/'.</summary>
        public Builder AnyFolders() => Add(new Step(StepKind.Skip, To: _steps.Count + 3)).Anything().Char('/');

        /// <summary>Nothing, or '/' and anything after it: what lies in a matched folder.</summary>
        public Builder AnythingBelow() => Add(new Step(StepKind.Skip, To: _steps.Count + 3)).Char('/').Anything();

        public Glob Build() => new([.. _steps]);

        private Builder Add(Step step)
        {
            _steps.Add(step);
            return this;
        }
    }
}

/// <summary>
/// A bracket expression of a glob (<c>[a-z]</c>, <c>[!0-9]</c>, <c>[^x]</c>, <c>[[:alpha:]]</c>, <c>\</c> escapes),
/// as git reads one; it never matches '/'.
/// </summary>
internal sealed class CharacterSet
{
    private readonly List<(char From, char To)> _ranges = [];
    private readonly List<Func<char, bool>> _classes = [];
    private readonly bool _negated;

    /// <summary>
    /// Where the set opened at <paramref name="open"/> closes, or -1 when it does not (the '[' is then literal): its
    /// first character (after a '!' or '^') may be ']' itself, and '\\' escapes and classes are skipped.
    /// </summary>
    public static int Close(string pattern, int open)
    {
        var i = open + 1;
        if (i < pattern.Length && pattern[i] is '!' or '^')
        {
            i++;
        }

        if (i < pattern.Length && pattern[i] == ']')
        {
            i++;
        }

        while (i < pattern.Length)
        {
            switch (pattern[i])
            {
                case ']':
                    return i;
                case '\\':
                    i += 2;
                    break;
                case '[' when ClassEnd(pattern, i) is var end and >= 0:
                    i = end + 2;
                    break;
                default:
                    i++;
                    break;
            }
        }

        return -1;
    }

    /// <param name="body">What lies between the brackets.</param>
    /// <exception cref="DomainException">A range runs backwards, or a class is not one POSIX names.</exception>
    public CharacterSet(string body)
    {
        var i = 0;
        if (body is ['!' or '^', _, ..])
        {
            _negated = true;
            i = 1;
        }

        while (i < body.Length)
        {
            if (ClassEnd(body, i) is var end and >= 0)
            {
                var name = body[(i + 2)..end];
                _classes.Add(Named(name) ?? throw new DomainException($"[:{name}:] is not a character class"));
                i = end + 2;
                continue;
            }

            var from = Read(body, ref i);
            if (i + 1 < body.Length && body[i] == '-')
            {
                i++;
                var to = Read(body, ref i);
                _ranges.Add(from <= to ? (from, to) : throw new DomainException($"the range {from}-{to} runs backwards"));
            }
            else
            {
                _ranges.Add((from, from));
            }
        }
    }

    public bool Contains(char c)
    {
        if (c == '/')
        {
            return false;
        }

        var inside = false;
        foreach (var (from, to) in _ranges)
        {
            inside |= c >= from && c <= to;
        }

        foreach (var member in _classes)
        {
            inside |= member(c);
        }

        return inside != _negated;
    }

    /// <summary>Where the class (<c>[:name:]</c>) at <paramref name="at"/> ends (its ':'), or -1 when there is none.</summary>
    private static int ClassEnd(string text, int at) =>
        at + 1 < text.Length && text[at] == '[' && text[at + 1] == ':' ? text.IndexOf(":]", at + 2, StringComparison.Ordinal) : -1;

    /// <summary>One character of the set, escaped by '\\' or not.</summary>
    private static char Read(string body, ref int i)
    {
        if (body[i] == '\\' && i + 1 < body.Length)
        {
            i++;
        }

        return body[i++];
    }

    private static Func<char, bool>? Named(string name) => name switch
    {
        "alpha" => char.IsLetter,
        "digit" => char.IsAsciiDigit,
        "alnum" => char.IsLetterOrDigit,
        "upper" => char.IsUpper,
        "lower" => char.IsLower,
        "space" => char.IsWhiteSpace,
        "blank" => c => c is ' ' or '\t',
        "punct" => c => char.IsPunctuation(c) || char.IsSymbol(c),
        "xdigit" => char.IsAsciiHexDigit,
        "cntrl" => char.IsControl,
        "print" => c => !char.IsControl(c),
        "graph" => c => !char.IsControl(c) && !char.IsWhiteSpace(c),
        _ => null,
    };
}
