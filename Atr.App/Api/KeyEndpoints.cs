using Atr.App.Auth;
using Atr.Domain.Common;
using Atr.Domain.Keys;
using Microsoft.AspNetCore.Mvc;

namespace Atr.App.Api;

public sealed record AddKeysRequest(string? Armor, IReadOnlyList<string>? Committees);

public sealed record KeyOutcomeResponse(int Block, string? Fingerprint, string? Owner, string Status, IReadOnlyList<string> Linked, string? Error);

/// <summary>OpenPGP keys over the API, and the committees' KEYS files for everyone.</summary>
public static class KeyEndpoints
{
    public static RouteGroupBuilder MapKeyEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/keys", async (AddKeysRequest request, HttpContext context, ActorResolver actors, KeyService keys) =>
        {
            var actor = await actors.ResolveAsync(context.User, context.RequestAborted);
            var outcomes = await keys.AddAsync(actor, request.Armor ?? "", request.Committees ?? [], context.RequestAborted);
            return outcomes.Select(o => new KeyOutcomeResponse(o.Block, o.Fingerprint, o.Owner, Status(o.Status), o.Linked, o.Error)).ToList();
        });

        // A KEYS file as it is, bytes and all: text between the blocks may be in any encoding.
        api.MapPut("/keys", async ([FromQuery] string[]? committee, HttpContext context, ActorResolver actors, KeyService keys) =>
        {
            var actor = await actors.ResolveAsync(context.User, context.RequestAborted);
            var body = await ReadBodyAsync(context.Request, KeysFile.MaxBytes, context.RequestAborted);
            var outcomes = await keys.AddAsync(actor, body, committee ?? [], context.RequestAborted);
            return outcomes.Select(o => new KeyOutcomeResponse(o.Block, o.Fingerprint, o.Owner, Status(o.Status), o.Linked, o.Error)).ToList();
        });

        api.MapGet("/keys/{fingerprint}", (string fingerprint, HttpContext context, KeyService keys) =>
            keys.GetAsync(fingerprint, context.RequestAborted));

        api.MapDelete("/keys/{fingerprint}", async (string fingerprint, HttpContext context, ActorResolver actors, KeyService keys) =>
        {
            var actor = await actors.ResolveAsync(context.User, context.RequestAborted);
            await keys.DeleteAsync(actor, fingerprint, context.RequestAborted);
            return Results.NoContent();
        });

        api.MapGet("/committees/{name}/keys", (string name, HttpContext context, KeyService keys) =>
            keys.CommitteeKeysAsync(name, context.RequestAborted));

        return api;
    }

    /// <summary><c>/downloads/{committee}/KEYS</c> and, for podlings, <c>/downloads/incubator/{podling}/KEYS</c>: public, plain text.</summary>
    public static WebApplication MapKeysFiles(this WebApplication app)
    {
        app.MapGet("/downloads/incubator/{podling}/KEYS", (string podling, HttpContext context, KeyService keys) =>
            KeysFileAsync(keys, podling, podling: true, context.RequestAborted));
        app.MapGet("/downloads/{committee}/KEYS", (string committee, HttpContext context, KeyService keys) =>
            KeysFileAsync(keys, committee, podling: false, context.RequestAborted));
        return app;
    }

    private static async Task<IResult> KeysFileAsync(KeyService keys, string committee, bool podling, CancellationToken cancellationToken)
    {
        try
        {
            return Results.Text(await keys.KeysFileAsync(committee, podling, cancellationToken), "text/plain; charset=utf-8");
        }
        catch (NotFoundException)
        {
            return Results.NotFound();
        }
    }

    /// <summary>The body, refused with 413 past <paramref name="limit"/> bytes before more is read.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw new PayloadTooLargeException(limit);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new PayloadTooLargeException(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>inserted, updated, already-present, revoked, unusable, error.</summary>
    private static string Status(KeyOutcomeStatus status) => status switch
    {
        KeyOutcomeStatus.AlreadyPresent => "already-present",
        _ => status.ToString().ToLowerInvariant(),
    };
}
