using Atr.App.Auth;
using Atr.Domain.Projects;

namespace Atr.App.Api;

/// <param name="Stored">What the project chose; a null field falls back to the default.</param>
/// <param name="Effective">What applies, every default filled in.</param>
/// <param name="Defaults">The fields whose value is the default.</param>
public sealed record PolicyResponse(string Project, PolicyInput Stored, EffectiveReleasePolicy Effective, IReadOnlyList<string> Defaults);

/// <summary>A project's release policy for automation, with the same rules as the policy page.</summary>
public static class PolicyEndpoints
{
    public static RouteGroupBuilder MapPolicyEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{project}/policy", async (string project, HttpContext context, PolicyService policies) =>
            Response(await policies.GetAsync(project, context.RequestAborted)));

        api.MapPut("/projects/{project}/policy", async (string project, PolicyInput input, HttpContext context, ActorResolver actors, PolicyService policies) =>
        {
            var actor = await actors.ResolveAsync(context.User, context.RequestAborted);
            return Response(await policies.UpdateAsync(actor, project, input, context.RequestAborted));
        });

        return api;
    }

    private static PolicyResponse Response(PolicyView view) =>
        new(view.ProjectName, view.Stored, view.Effective, [.. view.Effective.Defaulted.Order(StringComparer.Ordinal)]);
}
