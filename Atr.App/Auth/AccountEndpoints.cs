using System.Collections.Frozen;
using Atr.Domain.Access;
using Atr.Domain.Demo;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Atr.App.Auth;

/// <summary>Sign-in and sign-out. The demo sign-in exists only in the Development environment.</summary>
public static class AccountEndpoints
{
    public const string DevelopmentSignInPath = "/dev/signin";

    /// <summary>The pages that sign in, which <see cref="LocalOrHome"/> never returns to.</summary>
    private static readonly FrozenSet<string> SignInPaths =
        new[] { "/signin", DevelopmentSignInPath, "/account/login" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        app.MapGet("/account/login", (HttpContext context, IOptions<OidcOptions> oidc, string? returnUrl) =>
            oidc.Value.IsConfigured
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOrHome(returnUrl) }, [AuthenticationSetup.OidcScheme])
                : Results.Redirect($"/signin?returnUrl={Uri.EscapeDataString(LocalOrHome(returnUrl))}"));

        // The handler reads no form, so nothing would validate the token for it: it is validated here.
        app.MapPost("/account/logout", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Problem("Sign out with the form of Atr's own pages (its antiforgery token is missing or invalid).",
                    statusCode: StatusCodes.Status400BadRequest);
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/");
        }).DisableAntiforgery();

        // Mapped only in Development: in any other environment the route does not exist, so no request can reach it.
        if (app.Environment.IsDevelopment())
        {
            app.MapPost(DevelopmentSignInPath, async (HttpContext context, UserDirectory users, [FromForm] string user, [FromForm] string? returnUrl) =>
            {
                var demo = DemoUsers.All.SingleOrDefault(u => u.Id == user);
                if (demo is null)
                {
                    return Results.Problem($"'{user}' is not a demo user", statusCode: StatusCodes.Status400BadRequest);
                }

                await users.SignInAsync(demo.Id, demo.FullName, demo.Email, "development", context.RequestAborted);
                await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                    AtrClaims.Principal(demo.Id, demo.FullName, demo.Email, "development"));
                return Results.LocalRedirect(LocalOrHome(returnUrl));
            });
        }

        return app;
    }

    /// <summary>
    /// Only plain paths on this site, as given and once decoded: a leading '/', not "//", no backslash, no control,
    /// invisible or whitespace character but the space (browsers drop a tab, so "/&lt;tab&gt;/evil.example" would lead
    /// away). Anything else goes home. A sign-in page is not a place to return to: its own returnUrl is taken instead,
    /// so that signing in from the sign-in page never nests the address into itself.
    /// </summary>
    internal static string LocalOrHome(string? returnUrl)
    {
        for (var depth = 0; depth < 4; depth++)
        {
            if (returnUrl is not { Length: > 0 } url || !IsPlainLocalPath(url) || !IsPlainLocalPath(Uri.UnescapeDataString(url)))
            {
                return "/";
            }

            var query = url.IndexOf('?', StringComparison.Ordinal);
            var path = query < 0 ? url : url[..query];
            if (!SignInPaths.Contains(path.TrimEnd('/')))
            {
                return url;
            }

            returnUrl = query < 0 ? null : QueryHelpers.ParseQuery(url[query..]).TryGetValue("returnUrl", out var inner) ? inner.ToString() : null;
        }

        return "/";
    }

    private static bool IsPlainLocalPath(string url) =>
        url[0] == '/'
        && (url.Length == 1 || url[1] != '/')
        && !url.Any(c => c == '\\' || char.IsControl(c) || (char.IsWhiteSpace(c) && c != ' ') || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);
}
