using System.Net;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Atr.Domain.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Atr.App.Auth;

/// <summary>
/// Authenticates API calls that carry <c>Authorization: Bearer &lt;personal access token&gt;</c>. Failed attempts are
/// rate limited per client address (as the forwarded headers of a trusted proxy give it): once a client has failed
/// too often, its further failures are answered 429, so secrets cannot be guessed at speed. A valid token is always
/// accepted: only failures count, so users behind the same proxy or NAT are not locked out by one bad client.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenService tokens,
    UserDirectory users,
    FailedAuthenticationLimiter limiter)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    private const string ThrottledKey = "atr.bearer.throttled";

    /// <summary>
    /// A hub connection that brings a token: in the Authorization header, or (WebSockets cannot send headers from
    /// browsers and most clients) as the <c>access_token</c> query parameter.
    /// </summary>
    public static bool IsHubTokenRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/hubs") && (request.Headers.Authorization.Count > 0 || request.Query.ContainsKey("access_token"));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) && Request.Path.StartsWithSegments("/hubs") && Request.Query["access_token"] is [{ } token])
        {
            header = $"Bearer {token}";
        }

        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        var client = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= "Bearer ".Length)
        {
            return Failure(client, "The Authorization header must be 'Bearer <token>'");
        }

        var userId = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (userId is null)
        {
            return Failure(client, "The token is unknown, expired or revoked");
        }

        var actor = await users.ResolveAsync(userId, Context.RequestAborted);
        var principal = AtrClaims.Principal(userId, actor.FullName, actor.Email, "token");
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>Counts the failure against the client; past the limit, the answer is 429 instead of 401.</summary>
    private AuthenticateResult Failure(string client, string reason)
    {
        if (!limiter.TryRecordFailure(client))
        {
            Context.Items[ThrottledKey] = true;
            return AuthenticateResult.Fail("Too many failed authentications from this address");
        }

        return AuthenticateResult.Fail(reason);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(ThrottledKey))
        {
            Response.StatusCode = (int)HttpStatusCode.TooManyRequests;
            Response.Headers.RetryAfter = ((int)FailedAuthenticationLimiter.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }

        Response.StatusCode = (int)HttpStatusCode.Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"atr\"";
        return Task.CompletedTask;
    }
}

/// <summary>Counts failed bearer authentications per client address in a sliding window; only failures consume it.</summary>
public sealed class FailedAuthenticationLimiter : IDisposable
{
    public const int MaxFailures = 10;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetSlidingWindowLimiter(client, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = MaxFailures,
            Window = Window,
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        }));

    /// <summary>Records one failure; false when the client had already used up its failures for now.</summary>
    public bool TryRecordFailure(string client)
    {
        using var lease = _limiter.AttemptAcquire(client);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
