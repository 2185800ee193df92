using Atr.Domain.Access;
using Atr.Domain.Common;
using Atr.Domain.Storage;

namespace Atr.Domain.Revisions;

/// <summary>How one file changed between two revisions; <see cref="Text"/> is null when either side is not text (or past 1 MiB).</summary>
public sealed record FileDiff(string From, string To, FileChange Change, LineDiffResult? Text);

/// <summary>The line diff of one file between two revisions, for those who may review both.</summary>
public sealed class FileDiffService(RevisionService revisions, ContentInspector inspector)
{
    /// <param name="maxLines">The most diff lines to keep (a page shows a few thousand; a download takes them all).</param>
    public async Task<FileDiff> DiffAsync(
        Actor actor, string projectName, string version, string from, string to, string path, int maxLines, CancellationToken cancellationToken)
    {
        var comparison = await revisions.CompareAsync(actor, projectName, version, from, to, cancellationToken);
        var change = comparison.Changes.FirstOrDefault(c => c.Path == path)
            ?? throw new NotFoundException($"A change to {path} between revisions {comparison.From} and {comparison.To} of {projectName} {version}");
        var oldText = change.Before is null ? "" : await inspector.ReadTextAsync(change.Before, cancellationToken);
        var newText = change.After is null ? "" : await inspector.ReadTextAsync(change.After, cancellationToken);
        var text = oldText is null || newText is null ? null : await LineDiff.ComputeAsync(oldText, newText, maxLines, cancellationToken);
        return new FileDiff(comparison.From, comparison.To, change, text);
    }
}
