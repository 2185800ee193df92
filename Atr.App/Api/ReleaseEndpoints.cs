using System.Diagnostics;
using System.Text.Json;
using Atr.App.Auth;
using Atr.Domain;
using Atr.Domain.Checks;
using Atr.Domain.Common;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using Atr.Domain.Storage;
using Atr.Domain.Voting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Atr.App.Api;

public sealed record StartReleaseRequest(string? Version);

public sealed record StoredFileResponse(string Path, long Size, string Sha256, string Sha512);

public sealed record UploadResponse(string Revision, string Description, IReadOnlyList<StoredFileResponse> Files);

public sealed record ReleaseResponse(
    string Project,
    string Version,
    string Phase,
    string? LatestRevision,
    IReadOnlyList<RevisionHistoryEntry> Revisions,
    VoteResponse? Vote);

public sealed record CheckCountsResponse(int Queued, int Active, int Completed, int Failed);

/// <param name="Ignored">Set aside by one of the committee's ignore rules.</param>
public sealed record CheckResultResponse(string Checker, string? PrimaryRelPath, string? MemberRelPath, string Status, string Message, JsonElement Data, bool Ignored);

public sealed record RevisionChecksResponse(string Revision, bool Complete, CheckCountsResponse Counts, IReadOnlyList<CheckResultResponse> Results);

public sealed record RevisionFilesResponse(string Project, string Version, string Revision, IReadOnlyList<StoredFileResponse> Files);

/// <summary>Starting releases, uploading files (raw or multipart, streamed) and reading revisions.</summary>
public static class ReleaseEndpoints
{
    /// <summary>The longest a checks request waits for running checks to finish.</summary>
    public const int MaxWaitSeconds = 60;

    /// <summary>At most this many files in one multipart upload.</summary>
    public const int MaxFilesPerUpload = 1000;

    public static RouteGroupBuilder MapReleaseEndpoints(this RouteGroupBuilder api)
    {
        var releases = api.MapGroup("/projects/{project}/releases");

        releases.MapPost("", async (string project, StartReleaseRequest request, HttpContext context, ActorResolver actors, ReleaseService service) =>
        {
            var actor = await actors.ResolveAsync(context.User, context.RequestAborted);
            var release = await service.StartAsync(actor, project, request.Version ?? "", context.RequestAborted);
            return Results.Created($"/api/v1/projects/{project}/releases/{release.Version}", await ReleaseAsync(context, project, release.Version));
        });

        releases.MapGet("/{version}", (string project, string version, HttpContext context) => ReleaseAsync(context, project, version));

        releases.MapDelete("/{version}", async (string project, string version, HttpContext context, ActorResolver actors, ReleaseService service) =>
        {
            var actor = await actors.ResolveAsync(context.User, context.RequestAborted);
            await service.DeleteDraftAsync(actor, project, version, context.RequestAborted);
            return Results.NoContent();
        });

        releases.MapGet("/{version}/revisions/{number}/files", async (
            string project, string version, string number, HttpContext context, ActorResolver actors, RevisionService revisions) =>
        {
            var actor = await actors.ResolveAsync(context.User, context.RequestAborted);
            var files = await revisions.FilesAsync(actor, project, version, number, context.RequestAborted);
            return new RevisionFilesResponse(project, version, files.Number, files.Files.Select(Stored).ToList());
        });

        releases.MapGet("/{version}/revisions/{number}/checks", async (
            string project, string version, string number, int? wait, HttpContext context, ActorResolver actors, CheckService checks) =>
        {
            var actor = await actors.ResolveAsync(context.User, context.RequestAborted);
            var patience = TimeSpan.FromSeconds(Math.Clamp(wait ?? 0, 0, MaxWaitSeconds));
            var waited = Stopwatch.StartNew();
            var revision = await checks.RevisionChecksAsync(actor, project, version, number, context.RequestAborted);
            while (!revision.Complete && waited.Elapsed < patience)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), context.RequestAborted);
                revision = await checks.RevisionChecksAsync(actor, project, version, revision.Revision, context.RequestAborted);
            }

            var counts = revision.Counts;
            return new RevisionChecksResponse(
                revision.Revision,
                revision.Complete,
                new CheckCountsResponse(counts.Queued, counts.Active, counts.Completed, counts.Failed),
                revision.Results.Select(r => new CheckResultResponse(r.Checker, r.PrimaryRelPath, r.MemberRelPath,
                    r.Status.ToString().ToLowerInvariant(), r.Message, JsonDocument.Parse(r.Data).RootElement.Clone(), r.Ignored)).ToList());
        });

        releases.MapPut("/{version}/files/{**path}", async (
            string project, string version, string path, HttpContext context, ActorResolver actors, RevisionService revisions,
            AtrDomainSettings settings) =>
        {
            ReleasePath.Validate(path);
            var actor = await actors.ResolveAsync(context.User, context.RequestAborted);
            await using var upload = await revisions.BeginUploadAsync(actor, project, version, "the API", context.RequestAborted);
            AllowBody(context, settings.MaxUploadBytes);
            var blob = await upload.StoreAsync(context.Request.Body, null, context.RequestAborted);
            var created = await upload.CommitAsync([new UploadedFile(path, blob)], context.RequestAborted);
            return Results.Created(
                $"/api/v1/projects/{project}/releases/{version}/revisions/{created.Number}/files",
                new UploadResponse(created.Number, created.Description, [Stored(path, blob)]));
        });

        releases.MapPost("/{version}/files", async (
            string project, string version, HttpContext context, ActorResolver actors, RevisionService revisions) =>
        {
            var actor = await actors.ResolveAsync(context.User, context.RequestAborted);
            await using var upload = await revisions.BeginUploadAsync(actor, project, version, "the API", context.RequestAborted);
            AllowBody(context, null);
            var files = await ReadMultipartAsync(context, upload);
            var created = await upload.CommitAsync(files, context.RequestAborted);
            return Results.Created(
                $"/api/v1/projects/{project}/releases/{version}/revisions/{created.Number}/files",
                new UploadResponse(created.Number, created.Description, files.Select(f => Stored(f.Path, f.Blob)).ToList()));
        });

        return releases;
    }

    private static async Task<ReleaseResponse> ReleaseAsync(HttpContext context, string project, string version)
    {
        var services = context.RequestServices;
        var actor = await services.GetRequiredService<ActorResolver>().ResolveAsync(context.User, context.RequestAborted);
        var history = await services.GetRequiredService<RevisionService>().HistoryAsync(actor, project, version, context.RequestAborted);
        var release = await services.GetRequiredService<ReleaseService>().GetAsync(project, version, context.RequestAborted)
            ?? throw new NotFoundException($"Release {project} {version}");
        var vote = await LifecycleEndpoints.CurrentAsync(services.GetRequiredService<VoteService>(), project, version, context);
        return new ReleaseResponse(project, version, release.Summary.Phase.SeedName(), release.Summary.LatestRevisionNumber, history, vote);
    }

    /// <summary>
    /// Streams each file part of a multipart body into the store (nothing is buffered whole); a part's file name is
    /// its path in the release, below the optional "folder" field that precedes the files. A body that ends before
    /// its closing boundary, or whose part headers cannot be read, is refused naming what was wrong.
    /// </summary>
    private static async Task<List<UploadedFile>> ReadMultipartAsync(HttpContext context, PendingUpload upload)
    {
        var boundary = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? HeaderUtilities.RemoveQuotes(type.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary))
        {
            throw new DomainException("Send the files as multipart/form-data");
        }

        var reader = new MultipartReader(boundary, context.Request.Body);
        var files = new List<UploadedFile>();
        string? folder = null;
        try
        {
            while (await reader.ReadNextSectionAsync(context.RequestAborted) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                if (string.IsNullOrEmpty(fileName))
                {
                    if (HeaderUtilities.RemoveQuotes(disposition.Name).Value == "folder")
                    {
                        folder = (await new StreamReader(section.Body).ReadToEndAsync(context.RequestAborted)).Trim();
                    }

                    continue;
                }

                if (files.Count == MaxFilesPerUpload)
                {
                    throw new DomainException($"An upload may carry at most {MaxFilesPerUpload} files");
                }

                var path = ReleasePath.Combine(folder, fileName);
                files.Add(new UploadedFile(path, await upload.StoreAsync(section.Body, null, context.RequestAborted)));
            }
        }
        catch (IOException e) when (e is not BadHttpRequestException && !context.RequestAborted.IsCancellationRequested)
        {
            throw new DomainException($"The multipart body ends before its closing boundary ({Count(files.Count)} read whole): {e.Message}");
        }
        catch (InvalidDataException e)
        {
            throw new DomainException($"The multipart body cannot be read: {e.Message}");
        }

        return files;
    }

    private static string Count(int files) => files == 1 ? "1 file" : $"{files} files";

    /// <summary>Lets this request's body be as large as one upload may be (null: no limit; each file is limited).</summary>
    private static void AllowBody(HttpContext context, long? limit)
    {
        if (limit is not null && context.Request.ContentLength > limit)
        {
            throw new PayloadTooLargeException(limit.Value);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
    }

    private static StoredFileResponse Stored(ManifestEntry file) => new(file.Path, file.Size, file.Sha256, file.Sha512);

    private static StoredFileResponse Stored(string path, StoredBlob blob) => new(path, blob.Size, blob.Sha256, blob.Sha512);
}
