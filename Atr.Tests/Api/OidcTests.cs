using System.Net;
using System.Security.Claims;
using Atr.App.Auth;
using Atr.Domain.Access;
using Atr.Tests.Fixtures;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Atr.Tests.Api;

public sealed class OidcTests
{
    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_WithAProviderConfigured_RedirectsToItWithPkce()
    {
        await using var factory = new OidcFactory();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/account/login?returnUrl=%2Fprojects", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("https://idp.example/authorize", location.GetLeftPart(UriPartial.Path));
        Assert.Contains("client_id=atr-test", location.Query, StringComparison.Ordinal);
        Assert.Contains("response_type=code", location.Query, StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", location.Query, StringComparison.Ordinal);
        Assert.Contains("scope=openid%20profile%20email", location.Query, StringComparison.Ordinal);
        var signIn = await client.GetStringAsync(new Uri("/signin", UriKind.Relative), Cancel);
        Assert.Contains("Sign in with the Example SSO", signIn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WithoutAProvider_GoesToTheSignInPage()
    {
        await using var factory = new AtrAppFactory(demoData: false);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/account/login?returnUrl=%2Ftokens", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Ftokens", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignedIn_ProviderClaimsBecomeAtrsAndTheUserIsRecorded()
    {
        await using var factory = new OidcFactory();
        _ = factory.Server;
        var (context, oidc) = TokenValidated(factory, new Claim("uid", "newcomer"), new Claim("name", "New Comer"), new Claim("email", "nc@example.org"));

        await AuthenticationSetup.OnSignedInAsync(context, oidc);

        Assert.Null(context.Result);
        Assert.Equal("newcomer", context.Principal!.UserId());
        Assert.Equal("New Comer", context.Principal!.Identity!.Name);
        var user = await factory.Services.GetRequiredService<UserDirectory>().ResolveAsync("newcomer", Cancel);
        Assert.Equal(("New Comer", "nc@example.org"), (user.FullName, user.Email));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Not A User Id")]
    public async Task SignedIn_WithoutAUsableUserIdClaim_FailsWithTheClaimName(string? uid)
    {
        await using var factory = new OidcFactory();
        _ = factory.Server;
        var claims = uid is null ? [new Claim("name", "Someone")] : new[] { new Claim("uid", uid) };
        var (context, oidc) = TokenValidated(factory, claims);

        await AuthenticationSetup.OnSignedInAsync(context, oidc);

        Assert.NotNull(context.Result?.Failure);
        Assert.Contains("'uid' claim", context.Result!.Failure!.Message, StringComparison.Ordinal);
    }

    private static (TokenValidatedContext Context, OidcOptions Options) TokenValidated(OidcFactory factory, params Claim[] claims)
    {
        var services = factory.Services.CreateScope().ServiceProvider;
        var http = new DefaultHttpContext { RequestServices = services };
        var options = services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(AuthenticationSetup.OidcScheme);
        var scheme = new AuthenticationScheme(AuthenticationSetup.OidcScheme, null, typeof(OpenIdConnectHandler));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "oidc"));
        var context = new TokenValidatedContext(http, scheme, options, principal, new AuthenticationProperties());
        return (context, services.GetRequiredService<IOptions<OidcOptions>>().Value);
    }

    /// <summary>The app with a provider configured; its metadata is given directly, so nothing is fetched.</summary>
    private sealed class OidcFactory() : AtrAppFactory(demoData: false, new Dictionary<string, string?>
    {
        ["Atr:Oidc:Authority"] = "https://idp.example/",
        ["Atr:Oidc:ClientId"] = "atr-test",
        ["Atr:Oidc:ClientSecret"] = "not-a-secret",
        ["Atr:Oidc:UserIdClaim"] = "uid",
        ["Atr:Oidc:DisplayName"] = "the Example SSO",
    })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.PostConfigure<OpenIdConnectOptions>(AuthenticationSetup.OidcScheme, options =>
            {
                options.Configuration = new OpenIdConnectConfiguration
                {
                    Issuer = "https://idp.example/",
                    AuthorizationEndpoint = "https://idp.example/authorize",
                    TokenEndpoint = "https://idp.example/token",
                };
                options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(options.Configuration);
            }));
        }
    }
}
