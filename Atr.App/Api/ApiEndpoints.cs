using Atr.App.Auth;
using Atr.Domain.Access;

namespace Atr.App.Api;

public sealed record CommitteeRoles(string Committee, IReadOnlyList<string> Roles);

public sealed record MeResponse(string UserId, string? FullName, string? Email, bool Admin, IReadOnlyList<CommitteeRoles> Committees);

public static class ApiEndpoints
{
    public const string RateLimitPolicy = "api";

    public static WebApplication MapAtrApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
            .RequireRateLimiting(RateLimitPolicy)
            .DisableAntiforgery();

        api.MapGet("/me", async (HttpContext context, ActorResolver actors) =>
        {
            var actor = await actors.ResolveAsync(context.User, context.RequestAborted);
            return Results.Ok(Me(actor));
        });

        api.MapReleaseEndpoints();
        api.MapKeyEndpoints();
        api.MapIgnoreEndpoints();
        api.MapLifecycleEndpoints();
        api.MapPolicyEndpoints();

        // Unknown API addresses answer problem JSON, not the site's "not found" page.
        api.MapFallback(() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "There is no such API address."));

        return app;
    }

    internal static MeResponse Me(Actor actor) => new(
        actor.UserId!,
        actor.FullName,
        actor.Email,
        actor.IsAdmin,
        actor.Committees.Select(c => new CommitteeRoles(c, actor.RolesIn(c))).ToList());
}
