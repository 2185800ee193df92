using System.Globalization;
using System.Text.RegularExpressions;

namespace Atr.Domain.Common;

/// <summary>Rules for the lowercase labels that name committees and projects.</summary>
public static partial class Names
{
    public const int UserIdMaxLength = 64;

    /// <summary>Lowercase letters, digits and single hyphens, starting with a letter (e.g. <c>widget-connectors</c>).</summary>
    public static bool IsLabel(string? value) => value is not null && LabelPattern().IsMatch(value);

    /// <summary>Throws a <see cref="DomainException"/> naming the rule when <paramref name="value"/> is not a label.</summary>
    public static string RequireLabel(string? value, string what, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new DomainException($"The {what} name is required");
        }

        if (value.Length > maxLength)
        {
            throw new DomainException($"The {what} name '{value}' is longer than {maxLength} characters");
        }

        if (!IsLabel(value))
        {
            throw new DomainException(
                $"The {what} name '{value}' must be lowercase letters, digits and single hyphens, starting with a letter");
        }

        return value;
    }

    /// <summary>A user id: lowercase letters, digits, hyphens and underscores, starting with a letter.</summary>
    public static bool IsUserId(string? value) => value is not null && value.Length <= UserIdMaxLength && UserIdPattern().IsMatch(value);

    /// <summary>"widget-connectors" → "Widget Connectors".</summary>
    public static string TitleCase(string label) =>
        CultureInfo.InvariantCulture.TextInfo.ToTitleCase(label.Replace('-', ' '));

    [GeneratedRegex("^[a-z][a-z0-9_-]*$")]
    private static partial Regex UserIdPattern();

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex LabelPattern();
}
