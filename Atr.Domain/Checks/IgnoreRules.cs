using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Atr.Domain.Common;

namespace Atr.Domain.Checks;

/// <summary>
/// How an ignore rule's patterns match (reference §3.14): a missing pattern matches anything; <c>!</c> alone matches
/// only a missing value; a leading <c>!</c> negates the rest; a pattern that starts with <c>^</c> or ends with
/// <c>$</c> is a regular expression; anything else is literal text in which <c>*</c> stands for any run of
/// characters. Matching searches (it is not anchored unless the expression says so). Successes and skips are never
/// ignored.
/// </summary>
public static class IgnoreRules
{
    private const int Cached = 1024;

    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);
    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="rule"/> hides <paramref name="result"/> of the release named <paramref name="releaseName"/>.</summary>
    public static bool Hides(CheckResultIgnore rule, string releaseName, string revision, CheckResultView result) =>
        result.Status is CheckResultStatus.Failure or CheckResultStatus.Warning or CheckResultStatus.Exception
        && (rule.Status is null || rule.Status.ToString() == result.Status.ToString())
        && (rule.RevisionNumber is null || rule.RevisionNumber == revision)
        && Matches(rule.ReleaseGlob, releaseName)
        && Matches(rule.CheckerGlob, result.Checker)
        && Matches(rule.PrimaryRelPathGlob, result.PrimaryRelPath)
        && Matches(rule.MemberRelPathGlob, result.MemberRelPath)
        && Matches(rule.MessageGlob, result.Message);

    public static bool Matches(string? pattern, string? value)
    {
        if (pattern is null)
        {
            return true;
        }

        if (pattern == "!")
        {
            return value is null;
        }

        if (pattern.StartsWith('!'))
        {
            return !Matches(pattern[1..], value);
        }

        try
        {
            return value is not null && Compile(pattern).IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            // A pattern too slow for the text hides nothing.
            return false;
        }
    }

    /// <summary>Throws <see cref="DomainException"/> naming <paramref name="field"/> when the pattern cannot be used.</summary>
    public static void Validate(string field, string? pattern)
    {
        if (pattern is null)
        {
            return;
        }

        if (pattern.Length > CheckResultIgnore.GlobMaxLength)
        {
            throw new DomainException($"{field}: at most {CheckResultIgnore.GlobMaxLength} characters");
        }

        try
        {
            Compile(pattern.TrimStart('!'));
        }
        catch (ArgumentException e)
        {
            throw new DomainException($"{field}: '{pattern}' is not a valid regular expression ({e.Message})");
        }
        catch (NotSupportedException)
        {
            throw new DomainException($"{field}: '{pattern}' uses a backreference or lookaround, which Atr does not run (it matches in linear time)");
        }
    }

    /// <summary>Linear-time expressions, compiled once per pattern (a rule is matched against every result shown).</summary>
    private static Regex Compile(string pattern)
    {
        if (Compiled.TryGetValue(pattern, out var cached))
        {
            return cached;
        }

        var expression = pattern.StartsWith('^') || pattern.EndsWith('$') ? pattern : string.Join(".*", pattern.Split('*').Select(Regex.Escape));
        var regex = new Regex(expression, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Timeout);
        if (Compiled.Count >= Cached)
        {
            Compiled.Clear();
        }

        return Compiled[pattern] = regex;
    }
}
