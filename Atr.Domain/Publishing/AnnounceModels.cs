namespace Atr.Domain.Publishing;

/// <param name="Revision">The revision to publish, which must still be the newest; null for the newest.</param>
/// <param name="DownloadPath">The folder below the committee's download area, e.g. <c>/widget-1.2.0/</c>; null for the default.</param>
public sealed record AnnounceRequest(string? Revision, string MailingList, string? Subject = null, string? Body = null, string? DownloadPath = null);

/// <summary>What the announce form needs: choices, defaults, placeholder values and what blocks the announcement.</summary>
public sealed record AnnounceForm(
    string ProjectName,
    string Version,
    string ProjectDisplayName,
    string? Revision,
    int FileCount,
    IReadOnlyList<string> MailingLists,
    string DefaultSubject,
    string Template,
    string DefaultDownloadPath,
    string DownloadBase,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyList<string> Problems,
    string? Pending)
{
    /// <summary>The announcement for a download path: the template with every placeholder substituted.</summary>
    public string Render(string template, string? downloadPath) =>
        Voting.VoteTemplates.Render(template, new Dictionary<string, string>(Values)
        {
            ["[DOWNLOAD_URL]"] = DownloadBase + (AnnounceService.NormalisePath(downloadPath) ?? DefaultDownloadPath),
        });
}

/// <summary>A published release: where its files are served.</summary>
public sealed record Published(string DownloadUrl, int FileCount);

/// <summary>The steps of a publication after it is recorded, in order.</summary>
public enum PublishStep
{
    Materialise,
    Rename,
    MarkPublished,
}
