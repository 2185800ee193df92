namespace Atr.Domain.Demo;

/// <summary>A person of the demo data and, in a line, what they may do.</summary>
public sealed record DemoUser(string Id, string FullName, string Description)
{
    public string Email => $"{Id}@apache.org";
}

public static class DemoUsers
{
    /// <summary>The administrator of the demo; <c>Atr:Admins</c> names her in Development.</summary>
    public const string Admin = "alice";

    public static readonly IReadOnlyList<DemoUser> All =
    [
        new("rita", "Rita Reyes", "Release manager and member of widget: composes releases and calls votes."),
        new("mike", "Mike Moreau", "Member of widget: votes with a binding vote, finishes and announces releases."),
        new("maria", "Maria Mendes", "Member of widget."),
        new("matt", "Matt Moore", "Member of widget."),
        new("carl", "Carl Cho", "Committer of widget (not a member): composes releases, cannot resolve votes."),
        new("paula", "Paula Park", "Member of the podling gizmo: releases of an incubating project."),
        new("ian", "Ian Ito", "Member of the incubator: votes on podling releases."),
        new("oscar", "Oscar Olsen", "Member of the unrelated committee other: may sign in, but has no rights on widget."),
        new(Admin, "Alice Adams", "Administrator: every right on every committee."),
    ];
}
