using System.Net;
using Atr.App.Auth;
using Atr.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Atr.Tests.Api;

public sealed class SignInTests
{
    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task DevelopmentSignIn_ListsTheDemoUsersAndSignsInWithTheirSession()
    {
        await using var factory = new AtrAppFactory();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var page = await client.GetStringAsync(new Uri("/dev/signin", UriKind.Relative), Cancel);
        Assert.Contains("Sign in as rita", page, StringComparison.Ordinal);
        Assert.Contains("Administrator: every right on every committee.", page, StringComparison.Ordinal);

        using var signIn = await client.PostAsync(new Uri("/dev/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = "rita",
            ["returnUrl"] = "/projects",
            ["__RequestVerificationToken"] = WebSession.AntiforgeryToken(page),
        }), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/projects", signIn.Headers.Location?.OriginalString);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("atr-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative), Cancel);
        Assert.Contains("Your projects", home, StringComparison.Ordinal);
        Assert.Contains("Rita Reyes", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_InDevelopment_OffersTheDemoUsersThemselves_AndReturnsWhereTheUserWas()
    {
        await using var factory = new AtrAppFactory();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var page = await client.GetStringAsync(new Uri("/signin?returnUrl=%2Fsignin%3FreturnUrl%3D%252Fkeys", UriKind.Relative), Cancel);
        Assert.Contains("Sign in as rita", page, StringComparison.Ordinal);
        Assert.Contains("name=\"returnUrl\" value=\"/keys\"", page, StringComparison.Ordinal);

        using var signIn = await client.PostAsync(new Uri("/dev/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = "rita",
            ["returnUrl"] = "/keys",
            ["__RequestVerificationToken"] = WebSession.AntiforgeryToken(page),
        }), Cancel);

        Assert.Equal((HttpStatusCode.Redirect, "/keys"), (signIn.StatusCode, signIn.Headers.Location?.OriginalString));
    }

    [Fact]
    public async Task DevelopmentSignIn_WithoutAntiforgeryToken_IsRefused()
    {
        await using var factory = new AtrAppFactory();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.PostAsync(new Uri("/dev/signin", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = "alice" }), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("atr-session", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DevelopmentSignIn_InProduction_DoesNotExist()
    {
        await using var factory = new ProductionFactory();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var page = await client.GetAsync(new Uri("/dev/signin", UriKind.Relative), Cancel);
        using var post = await client.PostAsync(new Uri("/dev/signin", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = "alice" }), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.False(post.IsSuccessStatusCode || (int)post.StatusCode is >= 300 and < 400, $"POST answered {post.StatusCode}");
        Assert.False(post.Headers.Contains("Set-Cookie") && post.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("atr-session", StringComparison.Ordinal)));
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        Assert.DoesNotContain(endpoints, e => e.DisplayName?.Contains("POST " + AccountEndpoints.DevelopmentSignInPath, StringComparison.Ordinal) == true);
        var signIn = await client.GetStringAsync(new Uri("/signin", UriKind.Relative), Cancel);
        Assert.DoesNotContain("dev/signin", signIn, StringComparison.Ordinal);
        Assert.Contains("Sign-in is not configured on this instance", signIn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevelopmentSignIn_InDevelopment_IsARealEndpoint()
    {
        await using var factory = new AtrAppFactory();
        _ = factory.Server;

        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints;

        Assert.Contains(endpoints, e => e.DisplayName?.Contains("POST " + AccountEndpoints.DevelopmentSignInPath, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        await using var factory = new AtrAppFactory();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync(new Uri("/dev/signin", UriKind.Relative), Cancel);
        using (await client.PostAsync(new Uri("/dev/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = "mike",
            ["__RequestVerificationToken"] = WebSession.AntiforgeryToken(page),
        }), Cancel))
        {
        }

        Assert.Contains("Your projects", await client.GetStringAsync(new Uri("/", UriKind.Relative), Cancel), StringComparison.Ordinal);

        // The sign-out form lives in the user menu's popover; any form of the signed-in session carries a valid token.
        var tokenPage = await client.GetStringAsync(new Uri("/dev/signin", UriKind.Relative), Cancel);
        using var signOut = await client.PostAsync(new Uri("/account/logout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebSession.AntiforgeryToken(tokenPage),
        }), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var after = await client.GetStringAsync(new Uri("/", UriKind.Relative), Cancel);
        Assert.DoesNotContain("Your projects", after, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"sign-in\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_Answers400AndKeepsTheSession()
    {
        await using var factory = new AtrAppFactory();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync(new Uri("/dev/signin", UriKind.Relative), Cancel);
        using (await client.PostAsync(new Uri("/dev/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = "mike",
            ["__RequestVerificationToken"] = WebSession.AntiforgeryToken(page),
        }), Cancel))
        {
        }

        using var bare = await client.PostAsync(new Uri("/account/logout", UriKind.Relative), null, Cancel);
        using var forged = await client.PostAsync(new Uri("/account/logout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = "forged",
        }), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("Your projects", await client.GetStringAsync(new Uri("/", UriKind.Relative), Cancel), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("/%2F/evil.example")]
    [InlineData("/%5Cevil.example")]
    public async Task DevelopmentSignIn_ReturnUrlThatIsNotAPlainPath_GoesHome(string returnUrl)
    {
        await using var factory = new AtrAppFactory();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync(new Uri("/dev/signin", UriKind.Relative), Cancel);

        using var signIn = await client.PostAsync(new Uri("/dev/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = "rita",
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = WebSession.AntiforgeryToken(page),
        }), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Responses_CarryTheSecurityHeaders()
    {
        await using var factory = new AtrAppFactory(demoData: false);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), Cancel);

        Assert.Equal(App.Hosting.SecurityHeaders.ContentSecurityPolicy, string.Join("", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("frame-ancestors 'none'", App.Hosting.SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Theory]
    [InlineData("/projects", "/projects")]
    [InlineData("//evil.example/x", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("/\n/evil.example", "/")]
    [InlineData("/%09/evil.example", "/")]
    [InlineData("/%2F/evil.example", "/")]
    [InlineData("/%5C/evil.example", "/")]
    [InlineData("/a\\b", "/")]
    [InlineData("/\u202E/evil.example", "/")]
    [InlineData("/releases/widget/1.0/files/read%20me.txt", "/releases/widget/1.0/files/read%20me.txt")]
    [InlineData("/", "/")]
    [InlineData(null, "/")]
    [InlineData("/signin?returnUrl=%2Fkeys", "/keys")]
    [InlineData("/signin?returnUrl=%2Fsignin%3FreturnUrl%3D%252Ftokens", "/tokens")]
    [InlineData("/dev/signin?returnUrl=//evil.example", "/")]
    [InlineData("/SignIn/", "/")]
    [InlineData("/account/login?returnUrl=%2Freleases", "/releases")]
    public void LocalOrHome_KeepsOnlyAddressesOnThisSite(string? returnUrl, string expected) =>
        Assert.Equal(expected, AccountEndpoints.LocalOrHome(returnUrl));

    private sealed class ProductionFactory : AtrAppFactory
    {
        public ProductionFactory()
            : base(demoData: true)
        {
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
