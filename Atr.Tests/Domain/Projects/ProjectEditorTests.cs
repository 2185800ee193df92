using Atr.Domain.Access;
using Atr.Domain.Common;
using Atr.Domain.Projects;
using Atr.Tests.Domain.Voting;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Projects;

public sealed class ProjectEditorTests
{
    private static CancellationToken Cancel => VoteFixture.Cancel;

    private static ProjectInput Valid(string name = "widget-connectors") => new(name, "Apache Widget Connectors");

    public static TheoryData<string, ProjectInput, string> InvalidFields() => new()
    {
        { "Name", Valid("Widget-Connectors"), "is not a project label" },
        { "Name", Valid("connectors"), "A project of widget is labelled widget, or widget- and more" },
        { "Name", Valid("widget"), "A project labelled widget already exists" },
        { "FullName", Valid() with { FullName = "Widget Connectors" }, "begins with \"Apache\"" },
        { "FullName", Valid() with { FullName = "Apache" }, "at least two words" },
        { "FullName", Valid() with { FullName = "Apache widget Connectors" }, "unlike \"widget\"" },
        { "FullName", Valid() with { FullName = "Apache Widget (Incubating)" }, "Leave out \"(Incubating)\"" },
        { "Status", Valid() with { Status = (ProjectStatus)42 }, "42 is not a project status" },
        { "Description", Valid() with { Description = new string('d', 4001) }, "at most 4,000 are allowed" },
        { "Category", Valid() with { Category = "network, Big Data" }, "'Big Data' is not a label" },
        { "ProgrammingLanguages", Valid() with { ProgrammingLanguages = "java, c++" }, "'c++' is not a label" },
        { "SuperProjectName", Valid() with { SuperProjectName = "gizmo" }, "gizmo is not a project of widget" },
        { "SuperProjectName", Valid() with { SuperProjectName = "widget-connectors" }, "cannot be its own super-project" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task AnInvalidField_IsRefusedByName_AndNothingChanges(string field, ProjectInput input, string expected)
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var before = await fixture.Database.ContentHashAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(async () =>
            await fixture.Database.Get<ProjectEditor>().AddAsync(await fixture.ActorAsync("rita"), "widget", input, Cancel));

        Assert.Contains(expected, Assert.Single(refused.Errors[field]), StringComparison.Ordinal);
        Assert.Equal(before, await fixture.Database.ContentHashAsync());
    }

    [Fact]
    public async Task AMember_AddsAProjectToTheirCommittee_AndEditsIt()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var editor = fixture.Database.Get<ProjectEditor>();
        var rita = await fixture.ActorAsync("rita");

        var form = await editor.NewAsync(rita, "widget", Cancel);
        Assert.Equal("widget-", form.Input.Name);
        await editor.AddAsync(rita, "widget", Valid() with { SuperProjectName = "widget", Category = "network, , network", ProgrammingLanguages = "java" }, Cancel);
        var edited = await editor.UpdateAsync(rita, "widget-connectors",
            Valid() with { Status = ProjectStatus.Dormant, Description = "  Connects widgets.  " }, Cancel);

        Assert.Equal(ProjectStatus.Dormant, edited.Input.Status);
        Assert.Equal("Connects widgets.", edited.Input.Description);
        Assert.Null(edited.Input.SuperProjectName);
        await using var db = await fixture.Database.ContextAsync();
        var created = await db.AuditEvents.SingleAsync(e => e.Action == "project.create", Cancel);
        Assert.Contains("\"category\":\"network\"", created.After, StringComparison.Ordinal);
        Assert.Equal("rita", (await db.Projects.SingleAsync(p => p.Name == "widget-connectors", Cancel)).CreatedBy);
    }

    [Fact]
    public async Task AProjectWithReleases_IsNotDeleted_AndTheCountIsGiven()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var before = await fixture.Database.ContentHashAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(async () =>
            await fixture.Database.Get<ProjectEditor>().DeleteAsync(await fixture.ActorAsync("rita"), "widget", Cancel));

        Assert.Equal("The project widget has 1 release(s); a project with releases cannot be deleted", refused.Message);
        Assert.Equal(before, await fixture.Database.ContentHashAsync());
    }

    [Fact]
    public async Task AProjectWithoutReleases_IsDeleted_WithItsPolicy()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var rita = await fixture.ActorAsync("rita");
        int policies;
        await using (var db = await fixture.Database.ContextAsync())
        {
            policies = await db.ReleasePolicies.CountAsync(Cancel);
        }

        await fixture.Database.Get<ProjectEditor>().AddAsync(rita, "widget", Valid(), Cancel);
        await fixture.Database.Get<PolicyService>().UpdateAsync(rita, "widget-connectors", new PolicyInput(MinHours: 96), Cancel);

        await fixture.Database.Get<ProjectEditor>().DeleteAsync(rita, "widget-connectors", Cancel);

        await using var after = await fixture.Database.ContextAsync();
        Assert.False(await after.Projects.AnyAsync(p => p.Name == "widget-connectors", Cancel));
        Assert.Equal(policies, await after.ReleasePolicies.CountAsync(Cancel));
        Assert.True(await after.AuditEvents.AnyAsync(e => e.Action == "project.delete" && e.EntityKey == "widget-connectors", Cancel));
    }

    [Theory]
    [InlineData("carl")]
    [InlineData("paula")]
    public async Task ACommitterOrAMemberOfAnotherCommittee_CannotAddOne(string user)
    {
        await using var fixture = await VoteFixture.CreateAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await fixture.Database.Get<ProjectEditor>().AddAsync(await fixture.ActorAsync(user), "widget", Valid(), Cancel));
    }
}
