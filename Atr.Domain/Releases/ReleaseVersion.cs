using System.Text.RegularExpressions;

namespace Atr.Domain.Releases;

/// <summary>The rules a release version must follow (e.g. <c>1.2.0</c>, <c>2.0.0-rc1</c>, <c>1.0+build.5</c>).</summary>
public static partial class ReleaseVersion
{
    public const int MaxLength = 64;

    /// <summary>Null when <paramref name="version"/> is valid, otherwise the rule it breaks.</summary>
    public static string? Problem(string? version)
    {
        if (string.IsNullOrEmpty(version))
        {
            return "A version is required";
        }

        if (version.Length > MaxLength)
        {
            return $"A version must be at most {MaxLength} characters";
        }

        if (string.Equals(version, "version", StringComparison.OrdinalIgnoreCase))
        {
            return "\"version\" is not a version";
        }

        if (!AllowedCharacters().IsMatch(version))
        {
            return "A version may contain only letters, digits, '.', '+' and '-'";
        }

        if (!char.IsAsciiLetterOrDigit(version[0]) || !char.IsAsciiLetterOrDigit(version[^1]))
        {
            return "A version must start and end with a letter or digit";
        }

        if (DoubledSeparator().IsMatch(version))
        {
            return "A version must not contain two separators ('.', '+', '-') in a row";
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9.+-]+$")]
    private static partial Regex AllowedCharacters();

    [GeneratedRegex("[.+-]{2}")]
    private static partial Regex DoubledSeparator();
}
