using System.IO.Compression;
using System.Text;
using Atr.App.Auth;
using Atr.Domain.Access;
using Atr.Domain.Common;
using Atr.Domain.Revisions;
using Atr.Domain.Storage;
using Microsoft.Net.Http.Headers;

namespace Atr.App.Downloads;

/// <summary>
/// Files of a revision for the browser (cookie session): one file, the whole revision as a zip, or the unified diff of
/// a file between two revisions. Everything is sent as an attachment, so the browser never renders one as a page.
/// </summary>
public static class RevisionDownloadEndpoints
{
    public static WebApplication MapRevisionDownloads(this WebApplication app)
    {
        var revision = app.MapGroup("/releases/{project}/{version}/revisions/{number}");

        revision.MapGet("/raw/{**path}", async (
            string project, string version, string number, string path, HttpContext context, ActorResolver actors,
            RevisionService revisions, ArtifactStore store) =>
        {
            var actor = await actors.ResolveAsync(context.User, context.RequestAborted);
            var file = await FindAsync(() => revisions.FileAsync(actor, project, version, number, path, context.RequestAborted));
            var content = file is null ? null : await FindAsync(() => Task.FromResult(store.OpenRead(file.Sha256)));
            return content is null
                ? Results.NotFound()
                : Results.Stream(content, "application/octet-stream", ReleasePath.FileName(file!.Path),
                    entityTag: new EntityTagHeaderValue($"\"{file.Sha256}\""), enableRangeProcessing: true);
        });

        revision.MapGet("/zip", async (
            string project, string version, string number, HttpContext context, ActorResolver actors,
            RevisionService revisions, ArtifactStore store) =>
        {
            var actor = await actors.ResolveAsync(context.User, context.RequestAborted);
            var files = await FindAsync(() => revisions.FilesAsync(actor, project, version, number, context.RequestAborted));
            if (files is null)
            {
                return Results.NotFound();
            }

            var name = $"{project}-{version}-{files.Number}";
            context.Response.ContentType = "application/zip";
            context.Response.Headers.ContentDisposition =
                new ContentDispositionHeaderValue("attachment") { FileName = $"{name}.zip", FileNameStar = $"{name}.zip" }.ToString();

            // Written straight to the response, file by file: no temporary copy, memory flat whatever the size.
            await using var output = new SynchronousWriteBuffer(context.Response.Body);
            await using (var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null,
                context.RequestAborted))
            {
                foreach (var file in files.Files)
                {
                    var entry = zip.CreateEntry($"{name}/{file.Path}", CompressionLevel.NoCompression);
                    await using var target = await entry.OpenAsync(context.RequestAborted);
                    await using var source = store.OpenRead(file.Sha256);
                    await source.CopyToAsync(target, context.RequestAborted);
                }
            }

            return Results.Empty;
        });

        app.MapGet("/releases/{project}/{version}/compare/{from}/{to}/diff/{**path}", async (
            string project, string version, string from, string to, string path, HttpContext context, ActorResolver actors,
            FileDiffService diffs) =>
        {
            var actor = await actors.ResolveAsync(context.User, context.RequestAborted);
            var diff = await FindAsync(() => diffs.DiffAsync(actor, project, version, from, to, path, int.MaxValue, context.RequestAborted));
            if (diff?.Text is not { } text)
            {
                return Results.NotFound();
            }

            var name = $"{ReleasePath.FileName(path)}.{diff.From}-{diff.To}.diff";
            context.Response.ContentType = "text/x-diff; charset=utf-8";
            context.Response.Headers.ContentDisposition =
                new ContentDispositionHeaderValue("attachment") { FileName = name, FileNameStar = name }.ToString();
            await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), 1 << 16);
            await text.WriteUnifiedAsync(writer, $"{diff.From}/{path}", $"{diff.To}/{path}", context.RequestAborted);
            return Results.Empty;
        });

        return app;
    }

    /// <summary>
    /// The revision or file, or null when it does not exist or the user may not see it: both answer 404, so that
    /// the address of a draft reveals nothing to those outside its committee.
    /// </summary>
    private static async Task<T?> FindAsync<T>(Func<Task<T>> find)
        where T : class
    {
        try
        {
            return await find();
        }
        catch (Exception e) when (e is NotFoundException or AccessDeniedException or InvalidPathException)
        {
            return null;
        }
    }
}
