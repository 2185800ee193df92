namespace Atr.Domain.Common;

/// <summary>A rule of the domain was broken; the message names the rule and is fit to show to a user.</summary>
public class DomainException : Exception
{
    public DomainException(string message)
        : base(message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Which kind of rule: <c>phase</c>, <c>precondition</c>, <c>permission</c>, <c>validation</c> (the default).</summary>
    public virtual string RuleKind { get; init; } = "validation";
}
