using Atr.Domain.Common;
using Atr.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Releases;

internal static class ReleaseLookup
{
    /// <summary>The release with its project, committee and policy; throws <see cref="NotFoundException"/> when there is none.</summary>
    /// <param name="tracked">Load it for a change in this context (otherwise read-only).</param>
    public static async Task<Release> FindReleaseAsync(
        this AtrDbContext db, string projectName, string version, CancellationToken cancellationToken, bool tracked = false)
    {
        var releases = tracked ? db.Releases : db.Releases.AsNoTracking();
        return await releases
                .Include(r => r.Project).ThenInclude(p => p.Committee)
                .Include(r => r.Project).ThenInclude(p => p.ReleasePolicy)
                .SingleOrDefaultAsync(r => r.ProjectName == projectName && r.Version == version, cancellationToken)
            ?? throw new NotFoundException($"Release {projectName} {version}");
    }
}
