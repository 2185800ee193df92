using Atr.Domain.Access;
using Atr.Domain.Demo;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Atr.App.Auth;

/// <summary>Sign-in and sign-out. The demo sign-in exists only in the Development environment.</summary>
public static class AccountEndpoints
{
    public const string DevelopmentSignInPath = "/dev/signin";

    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        app.MapGet("/account/login", (HttpContext context, IOptions<OidcOptions> oidc, string? returnUrl) =>
            oidc.Value.IsConfigured
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOrHome(returnUrl) }, [AuthenticationSetup.OidcScheme])
                : Results.Redirect($"/signin?returnUrl={Uri.EscapeDataString(LocalOrHome(returnUrl))}"));

        app.MapPost("/account/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());

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

    /// <summary>Only addresses on this site; anything else (another host, "//host") goes home.</summary>
    internal static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
