using System.Security.Claims;
using Atr.Domain.Access;
using Atr.Domain.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Atr.App.Auth;

public static class AuthenticationSetup
{
    /// <summary>Chooses, per request, between the session cookie (pages) and a bearer token (the API).</summary>
    public const string SelectorScheme = "atr";

    public const string OidcScheme = OpenIdConnectDefaults.AuthenticationScheme;

    /// <summary>
    /// Pages use a cookie session, signed in through OpenID Connect (or, in Development, the demo sign-in page);
    /// the API accepts only bearer tokens, so a browser session can never be replayed against it.
    /// </summary>
    public static WebApplicationBuilder AddAtrAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OidcOptions>()
            .BindConfiguration(OidcOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => !o.IsConfigured || !string.IsNullOrWhiteSpace(o.ClientId), "Atr:Oidc:ClientId is required when Atr:Oidc:Authority is set")
            .ValidateOnStart();
        var oidc = builder.Configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        var development = builder.Environment.IsDevelopment();

        var authentication = builder.Services
            .AddAuthentication(options =>
            {
                options.DefaultScheme = SelectorScheme;
                options.DefaultChallengeScheme = SelectorScheme;
            })
            .AddPolicyScheme(SelectorScheme, "Atr", options => options.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api") || TokenAuthenticationHandler.IsHubTokenRequest(context.Request)
                    ? TokenAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "atr-session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
                options.LoginPath = "/signin";
                options.AccessDeniedPath = "/";
            })
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);

        if (oidc.IsConfigured)
        {
            authentication.AddOpenIdConnect(OidcScheme, options =>
            {
                options.Authority = oidc.Authority;
                options.ClientId = oidc.ClientId;
                options.ClientSecret = oidc.ClientSecret;
                options.ResponseType = "code";
                options.UsePkce = true;
                options.MapInboundClaims = false;
                options.SaveTokens = false;
                options.GetClaimsFromUserInfoEndpoint = true;
                options.Scope.Clear();
                options.Scope.Add("openid");
                options.Scope.Add("profile");
                options.Scope.Add("email");

                options.CorrelationCookie.SecurePolicy = options.NonceCookie.SecurePolicy =
                    development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                options.Events.OnTokenValidated = context => OnSignedInAsync(context, oidc);
            });
        }

        builder.Services.AddSingleton<FailedAuthenticationLimiter>();
        builder.Services.AddSingleton<ActorResolver>();
        builder.Services.AddScoped<CurrentActor>();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAuthorization();
        return builder;
    }

    /// <summary>Maps the provider's claims to Atr's: the configured user id, name and email claims.</summary>
    internal static async Task OnSignedInAsync(Microsoft.AspNetCore.Authentication.OpenIdConnect.TokenValidatedContext context, OidcOptions oidc)
    {
        var external = context.Principal ?? new ClaimsPrincipal();
        var userId = external.FindFirstValue(oidc.UserIdClaim);
        if (!Names.IsUserId(userId))
        {
            context.Fail($"The provider's '{oidc.UserIdClaim}' claim is missing or is not a valid user id");
            return;
        }

        var name = external.FindFirstValue(oidc.NameClaim);
        var email = external.FindFirstValue(oidc.EmailClaim);
        var users = context.HttpContext.RequestServices.GetRequiredService<UserDirectory>();
        await users.SignInAsync(userId!, name, email, "oidc", context.HttpContext.RequestAborted);
        context.Principal = AtrClaims.Principal(userId!, name, email, "oidc");
    }
}
