using System.Security.Claims;

namespace Atr.App.Auth;

/// <summary>The claims of an Atr session, whatever the sign-in: user id, full name and email.</summary>
public static class AtrClaims
{
    public const string AuthenticationType = "atr";

    public static ClaimsPrincipal Principal(string userId, string? fullName, string? email, string method)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, userId), new(ClaimTypes.AuthenticationMethod, method) };
        if (!string.IsNullOrWhiteSpace(fullName))
        {
            claims.Add(new Claim(ClaimTypes.Name, fullName));
        }

        if (!string.IsNullOrWhiteSpace(email))
        {
            claims.Add(new Claim(ClaimTypes.Email, email));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The user id of a signed-in principal, or null.</summary>
    public static string? UserId(this ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true ? principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;
}
