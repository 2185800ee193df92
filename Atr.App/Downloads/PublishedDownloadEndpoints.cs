using Atr.Domain.Publishing;
using Atr.Domain.Storage;

namespace Atr.App.Downloads;

/// <summary>
/// The public download area: <c>/downloads/{committee}/{folder}/...</c> serves the files of published releases,
/// with the content type of each kind of release file; anything else under <c>/downloads/</c> is not found.
/// </summary>
public static class PublishedDownloadEndpoints
{
    private static readonly string[] TextExtensions = [".asc", ".sha256", ".sha512", ".txt", ".md"];

    public static WebApplication MapPublishedDownloads(this WebApplication app)
    {
        app.MapGet("/downloads/{**path}", async (string path, HttpContext context, AnnounceService announcements) =>
        {
            string? file;
            try
            {
                file = await announcements.PublishedFileAsync(path, context.RequestAborted);
            }
            catch (InvalidPathException)
            {
                file = null;
            }

            return file is null
                ? Results.NotFound()
                : Results.File(file, ContentType(path), enableRangeProcessing: true, lastModified: File.GetLastWriteTimeUtc(file));
        });
        return app;
    }

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
