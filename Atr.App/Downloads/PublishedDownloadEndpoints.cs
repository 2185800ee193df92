using Atr.Domain.Publishing;
using Atr.Domain.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Atr.App.Downloads;

/// <summary>
/// The public download area, <c>/downloads/</c>: a folder (its path ending in a slash) is a listing, a mirror's
/// index of committees, releases and files; a file is served as published, with the content type of its kind, an
/// entity tag from its SHA-512, its publication time as Last-Modified, and ranges. Anything else is not found.
/// </summary>
public static class PublishedDownloadEndpoints
{
    private static readonly string[] TextExtensions = [".asc", ".sha256", ".sha512", ".txt", ".md"];

    public static WebApplication MapPublishedDownloads(this WebApplication app)
    {
        app.MapGet("/downloads/{**path}", (string? path, HttpContext context, PublishedDownloads downloads) =>
            ServeAsync(path ?? "", context, downloads));
        return app;
    }

    private static async Task<IResult> ServeAsync(string path, HttpContext context, PublishedDownloads downloads)
    {
        var cancellationToken = context.RequestAborted;
        if (path.Length == 0 && context.Request.Path.Value?.EndsWith('/') != true)
        {
            return Results.Redirect($"{context.Request.PathBase}/downloads/", permanent: true);
        }

        if (path.Length == 0 || path.EndsWith('/'))
        {
            var folder = path.TrimEnd('/');
            var listing = await downloads.ListAsync(folder, cancellationToken);
            return new RazorComponentResult<DownloadIndex>(new { Listing = listing, Folder = folder, Root = Root(context) })
            {
                StatusCode = listing is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK,
            };
        }

        if (await downloads.FileAsync(path, cancellationToken) is { } file)
        {
            return Results.File(file.FullPath, ContentType(path), enableRangeProcessing: true,
                lastModified: DateTime.SpecifyKind(file.Published, DateTimeKind.Utc), entityTag: new EntityTagHeaderValue($"\"{file.Sha512[..32]}\""));
        }

        // A folder asked for without its slash goes to its listing, where relative links work.
        return await downloads.ListAsync(path, cancellationToken) is null
            ? new RazorComponentResult<DownloadIndex>(new { Listing = (DownloadListing?)null, Folder = path, Root = Root(context) })
            {
                StatusCode = StatusCodes.Status404NotFound,
            }
            : Results.Redirect($"{context.Request.PathBase}/downloads/{string.Join('/', path.Split('/').Select(Uri.EscapeDataString))}/", permanent: true);
    }

    /// <summary>The app's address as the client reached it (forwarded headers honoured), ending in a slash.</summary>
    private static string Root(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/";

    /// <summary>Signatures, checksums and text as plain text (so a browser shows them); archives as what they are.</summary>
    public static string ContentType(string path)
    {
        var name = ReleasePath.FileName(path).ToLowerInvariant();
        return name switch
        {
            _ when name.EndsWith(".tar.gz", StringComparison.Ordinal) || name.EndsWith(".tgz", StringComparison.Ordinal) => "application/gzip",
            _ when name.EndsWith(".zip", StringComparison.Ordinal) => "application/zip",
            _ when name.EndsWith(".json", StringComparison.Ordinal) => "application/json",
            _ when name is "keys" or "license" or "notice" or "readme"
                || TextExtensions.Any(e => name.EndsWith(e, StringComparison.Ordinal)) => "text/plain; charset=utf-8",
            _ => "application/octet-stream",
        };
    }
}
