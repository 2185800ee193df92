using Atr.Domain.Committees;
using Atr.Domain.Projects;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Projects;

public sealed class ReleasePolicyTests
{
    [Fact]
    public void Policy_WithoutPolicyRow_GivesEveryDefault()
    {
        var project = new Project("widget", "Apache Widget", new Committee("widget"), Seed.Now, "rita");

        var policy = project.Policy;

        Assert.Equal(["dev@widget.apache.org", "private@widget.apache.org"], policy.MailtoAddresses);
        Assert.Equal(72, policy.MinHours);
        Assert.Equal(ReleasePolicyDefaults.StartVoteTemplate, policy.StartVoteTemplate);
        Assert.Equal(ReleasePolicyDefaults.AnnounceReleaseTemplate, policy.AnnounceReleaseTemplate);
        Assert.False(policy.ManualVote);
        Assert.False(policy.StrictChecking);
        Assert.False(policy.PauseForRm);
        Assert.False(policy.PreserveDownloadFiles);
        Assert.Equal("", policy.ReleaseChecklist);
        Assert.Equal("", policy.GithubRepositoryName);
        Assert.Empty(policy.BinaryArtifactPaths);
        Assert.Empty(policy.SourceArtifactPaths);
        Assert.Empty(policy.GithubComposeWorkflowPath);
        Assert.Empty(policy.GithubVoteWorkflowPath);
        Assert.Empty(policy.GithubFinishWorkflowPath);
        Assert.Equal(15, policy.Defaulted.Count);
    }

    [Fact]
    public void Policy_WithoutCommittee_UsesTheProjectNameForMailingLists()
    {
        var project = new Project("lonely", null, null, Seed.Now, null);

        Assert.Equal(["dev@lonely.apache.org", "private@lonely.apache.org"], project.Policy.MailtoAddresses);
    }

    [Fact]
    public void Policy_WithSomeFieldsSet_UsesThemAndDefaultsTheRest()
    {
        var project = new Project("widget", "Apache Widget", new Committee("widget"), Seed.Now, "rita")
        {
            ReleasePolicy = new ReleasePolicy
            {
                MailtoAddresses = ["dev@widget.apache.org"],
                MinHours = 96,
                StartVoteTemplate = "Vote on [PROJECT] [VERSION]",
                StrictChecking = true,
            },
        };

        var policy = project.Policy;

        Assert.Equal(["dev@widget.apache.org"], policy.MailtoAddresses);
        Assert.Equal(96, policy.MinHours);
        Assert.Equal("Vote on [PROJECT] [VERSION]", policy.StartVoteTemplate);
        Assert.True(policy.StrictChecking);
        Assert.Equal(ReleasePolicyDefaults.AnnounceReleaseTemplate, policy.AnnounceReleaseTemplate);
        Assert.False(policy.IsDefault(nameof(policy.MinHours)));
        Assert.False(policy.IsDefault(nameof(policy.StartVoteTemplate)));
        Assert.True(policy.IsDefault(nameof(policy.AnnounceReleaseTemplate)));
        Assert.True(policy.IsDefault(nameof(policy.BinaryArtifactPaths)));
    }

    [Fact]
    public void Policy_EmptyValues_MeanTheDefault()
    {
        var project = new Project("widget", null, new Committee("widget"), Seed.Now, null)
        {
            ReleasePolicy = new ReleasePolicy { MinHours = null, StartVoteTemplate = "", MailtoAddresses = [] },
        };

        Assert.Equal(72, project.Policy.MinHours);
        Assert.Equal(ReleasePolicyDefaults.StartVoteTemplate, project.Policy.StartVoteTemplate);
        Assert.Equal(2, project.Policy.MailtoAddresses.Count);
    }

    [Fact]
    public void DefaultTemplates_UseOnlyTheirPlaceholders()
    {
        foreach (var placeholder in ReleasePolicyDefaults.StartVotePlaceholders)
        {
            Assert.Contains(placeholder, ReleasePolicyDefaults.StartVoteTemplate, StringComparison.Ordinal);
        }

        foreach (var placeholder in ReleasePolicyDefaults.AnnouncePlaceholders)
        {
            Assert.Contains(placeholder, ReleasePolicyDefaults.AnnounceReleaseTemplate, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Policy_IsStoredOnePerProjectAndReadBack()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Seed.ProjectAsync(database, policy: new ReleasePolicy
        {
            BinaryArtifactPaths = ["*-bin.tar.gz", "dist/**"],
            GithubComposeWorkflowPath = [".github/workflows/build.yml"],
            MinHours = 120,
        });

        await using var db = await database.ContextAsync();
        var project = await db.Projects.Include(p => p.ReleasePolicy).Include(p => p.Committee).SingleAsync(TestDatabase.CancellationToken);
        Assert.Equal(["*-bin.tar.gz", "dist/**"], project.Policy.BinaryArtifactPaths);
        Assert.Equal([".github/workflows/build.yml"], project.Policy.GithubComposeWorkflowPath);
        Assert.Equal(120, project.Policy.MinHours);
    }

    [Theory]
    [InlineData("widget", null, false, "Widget")]
    [InlineData("widget-connectors", null, false, "Widget Connectors")]
    [InlineData("gizmo", "Gizmo", true, "Gizmo (PPMC)")]
    [InlineData("tooling", "Tooling", false, "Tooling")]
    public void Committee_DisplayName_TitleCasesAndMarksPodlings(string name, string? fullName, bool podling, string expected)
    {
        Assert.Equal(expected, new Committee(name, fullName, podling).DisplayName);
    }

    [Theory]
    [InlineData("widget", "Apache Widget", false, "Apache Widget", "Widget")]
    [InlineData("gizmo", "Apache Gizmo", true, "Apache Gizmo (Incubating)", "Gizmo (Incubating)")]
    [InlineData("bare", null, false, "bare", "bare")]
    public void Project_DisplayNames_MarkIncubationAndDropApache(string name, string? fullName, bool podling, string display, string shortDisplay)
    {
        var project = new Project(name, fullName, new Committee(name, null, podling), Seed.Now, null);

        Assert.Equal(display, project.DisplayName);
        Assert.Equal(shortDisplay, project.ShortDisplayName);
    }
}
