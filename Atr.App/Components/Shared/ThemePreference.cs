namespace Atr.App.Components.Shared;

/// <summary>What this browser chose: light, dark, or nothing yet (then the system's setting applies).</summary>
public sealed record ThemePreference(bool? DarkMode)
{
    public const string CookieName = "atr-theme";

    public static ThemePreference FromCookie(string? value) => value switch
    {
        "dark" => new(true),
        "light" => new(false),
        _ => new((bool?)null),
    };

    public static string CookieValue(bool darkMode) => darkMode ? "dark" : "light";
}
