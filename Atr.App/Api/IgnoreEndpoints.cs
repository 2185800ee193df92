using Atr.App.Auth;
using Atr.Domain.Checks;
using Atr.Domain.Common;

namespace Atr.App.Api;

/// <summary>An ignore rule as the API reads and writes it; status is "failure", "warning" or "exception".</summary>
public sealed record IgnoreRuleRequest(
    string? ReleaseGlob, string? RevisionNumber, string? CheckerGlob, string? PrimaryRelPathGlob, string? MemberRelPathGlob, string? Status, string? MessageGlob);

public sealed record IgnoreRuleResponse(
    int Id, string Committee, string Owner, DateTime Created,
    string? ReleaseGlob, string? RevisionNumber, string? CheckerGlob, string? PrimaryRelPathGlob, string? MemberRelPathGlob, string? Status, string? MessageGlob);

/// <summary>A committee's ignore rules: committers read them, members change them.</summary>
public static class IgnoreEndpoints
{
    public static RouteGroupBuilder MapIgnoreEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/committees/{name}/ignores", async (string name, HttpContext context, ActorResolver actors, IgnoreService ignores) =>
            (await ignores.ListAsync(await actors.ResolveAsync(context.User, context.RequestAborted), name, context.RequestAborted)).Select(Response).ToList());

        api.MapPost("/committees/{name}/ignores", async (string name, IgnoreRuleRequest request, HttpContext context, ActorResolver actors, IgnoreService ignores) =>
        {
            var actor = await actors.ResolveAsync(context.User, context.RequestAborted);
            var created = await ignores.AddAsync(actor, name, Input(request), context.RequestAborted);
            return Results.Created($"/api/v1/committees/{name}/ignores/{created.Id}", Response(created));
        });

        api.MapPut("/committees/{name}/ignores/{id:int}", async (string name, int id, IgnoreRuleRequest request, HttpContext context, ActorResolver actors,
            IgnoreService ignores) =>
            Response(await ignores.UpdateAsync(await actors.ResolveAsync(context.User, context.RequestAborted), name, id, Input(request), context.RequestAborted)));

        api.MapDelete("/committees/{name}/ignores/{id:int}", async (string name, int id, HttpContext context, ActorResolver actors, IgnoreService ignores) =>
        {
            await ignores.DeleteAsync(await actors.ResolveAsync(context.User, context.RequestAborted), name, id, context.RequestAborted);
            return Results.NoContent();
        });

        return api;
    }

    private static IgnoreRuleInput Input(IgnoreRuleRequest request)
    {
        CheckResultStatusIgnore? status = null;
        if (!string.IsNullOrWhiteSpace(request.Status))
        {
            status = Enum.TryParse<CheckResultStatusIgnore>(request.Status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new DomainException($"Status: '{request.Status}' is not one of failure, warning, exception (successes are never ignored)");
        }

        return new IgnoreRuleInput(request.ReleaseGlob, request.RevisionNumber, request.CheckerGlob, request.PrimaryRelPathGlob, request.MemberRelPathGlob,
            status, request.MessageGlob);
    }

    private static IgnoreRuleResponse Response(IgnoreRuleView view) => new(view.Id, view.Committee, view.Owner, view.Created,
        view.Rule.ReleaseGlob, view.Rule.RevisionNumber, view.Rule.CheckerGlob, view.Rule.PrimaryRelPathGlob, view.Rule.MemberRelPathGlob,
        view.Rule.Status?.ToString().ToLowerInvariant(), view.Rule.MessageGlob);
}
