namespace Atr.App.Hosting;

/// <summary>Headers that make every response harder to abuse (framing, sniffing, foreign scripts).</summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from this site (Blazor, MudBlazor and Atr's modules are files; no inline script, so no import
    /// map), styles inline too (MudBlazor writes its theme and positions as inline styles), the circuit over this
    /// site's WebSocket, and no framing.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return Task.CompletedTask;
        });
        await next();
    });
}
