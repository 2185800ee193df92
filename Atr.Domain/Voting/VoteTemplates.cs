using System.Text;

namespace Atr.Domain.Voting;

/// <summary>Placeholder substitution in vote and announcement mail: each <c>[NAME]</c> replaced by its value, nothing else changed.</summary>
public static class VoteTemplates
{
    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        var text = new StringBuilder(template);
        foreach (var (placeholder, value) in values)
        {
            text.Replace(placeholder, value);
        }

        return text.ToString();
    }

    /// <summary>"2 days 3 hours", "5 hours", "40 minutes".</summary>
    public static string Duration(TimeSpan span)
    {
        if (span.TotalHours >= 48)
        {
            return $"{(int)span.TotalDays} days {span.Hours} hours";
        }

        return span.TotalHours >= 1 ? $"{(int)span.TotalHours} hours {span.Minutes} minutes" : $"{Math.Max(1, (int)Math.Ceiling(span.TotalMinutes))} minutes";
    }
}
