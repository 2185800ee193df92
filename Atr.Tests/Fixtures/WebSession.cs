using System.Net;
using System.Text.RegularExpressions;

namespace Atr.Tests.Fixtures;

/// <summary>Signs an HTTP client in through the demo sign-in form, as a browser would (cookies and antiforgery token).</summary>
public static partial class WebSession
{
    public static async Task SignInAsync(HttpClient client, string userId)
    {
        var cancel = Xunit.TestContext.Current.CancellationToken;
        var page = await client.GetStringAsync(new Uri("/dev/signin", UriKind.Relative), cancel);
        using var response = await client.PostAsync(new Uri("/dev/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = userId,
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        }), cancel);
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.OK))
        {
            throw new InvalidOperationException($"Signing in as {userId} answered {response.StatusCode}");
        }
    }

    public static string AntiforgeryToken(string html) =>
        AntiforgeryField().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("No antiforgery token on the page");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
