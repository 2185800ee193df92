using System.ComponentModel.DataAnnotations;

namespace Atr.App.Auth;

/// <summary>The <c>Atr:Oidc</c> section: the OpenID Connect provider users sign in with in production.</summary>
public sealed class OidcOptions
{
    public const string Section = "Atr:Oidc";

    /// <summary>The provider's issuer URL; sign-in through OpenID Connect is off while this is empty.</summary>
    [Url]
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The claim that carries the user id (e.g. <c>preferred_username</c> or <c>uid</c>).</summary>
    [Required]
    public string UserIdClaim { get; set; } = "preferred_username";

    [Required]
    public string NameClaim { get; set; } = "name";

    [Required]
    public string EmailClaim { get; set; } = "email";

    /// <summary>The label of the sign-in button.</summary>
    [Required]
    public string DisplayName { get; set; } = "your organisation's account";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);
}
