using Atr.Domain.Common;

namespace Atr.Domain.Access;

/// <summary>The actor may not do this. The message names the action and the level it needs.</summary>
public sealed class AccessDeniedException(string action, AccessLevel required, string? committee, Actor actor)
    : DomainException(actor.IsSignedIn
        ? $"To {action} you must be {required.Describe(committee)}; {actor.Name} is not"
        : $"To {action} you must sign in as {required.Describe(committee)}")
{
    public string Action { get; } = action;

    public AccessLevel Required { get; } = required;

    public override string RuleKind { get; init; } = "permission";

    public string? Committee { get; } = committee;
}
