using Atr.Domain.Access;
using Atr.Domain.Committees;
using Atr.Domain.Projects;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;

namespace Atr.Tests.Fixtures;

/// <summary>Small, explicit data for domain tests: a committee, a project, releases and revisions.</summary>
public static class Seed
{
    public static DateTime Now => TestDatabase.Now.UtcDateTime;

    public static async Task<Project> ProjectAsync(TestDatabase database, string name = "widget", bool podling = false, ReleasePolicy? policy = null)
    {
        await using var db = await database.ContextAsync();
        var committee = new Committee(name, null, podling);
        committee.SetRoster(["rita"], ["rita", "carl"], []);
        var project = new Project(name, $"Apache {char.ToUpperInvariant(name[0])}{name[1..]}", committee, Now, "rita")
        {
            ReleasePolicy = policy,
        };
        db.Committees.Add(committee);
        db.Projects.Add(project);
        await db.SaveChangesAsync(TestDatabase.CancellationToken);
        return project;
    }

    public static async Task<string> ReleaseAsync(TestDatabase database, string project, string version, DateTime? created = null)
    {
        await using var db = await database.ContextAsync();
        var owner = await db.Projects.FindAsync([project], TestDatabase.CancellationToken)
            ?? throw new InvalidOperationException($"No project {project}");
        var release = new Release(owner, version, created ?? Now);
        db.Releases.Add(release);
        await db.SaveChangesAsync(TestDatabase.CancellationToken);
        return release.Name;
    }

    /// <summary>Adds a revision holding exactly <paramref name="files"/>, as rita.</summary>
    public static async Task<string> RevisionAsync(TestDatabase database, string releaseName, params ManifestEntry[] files)
    {
        var created = await database.Get<RevisionWriter>().AddAsync(releaseName, new Actor { UserId = "rita" }, Now, (_, manifest) =>
        {
            manifest.ReplaceWith(files);
            return "test revision";
        }, TestDatabase.CancellationToken);
        return created.Number;
    }

    public static ManifestEntry File(string path, string content = "content") =>
        new(path, content.Length,
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content))),
            Convert.ToHexStringLower(System.Security.Cryptography.SHA512.HashData(System.Text.Encoding.UTF8.GetBytes(content))));
}
