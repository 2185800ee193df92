namespace Atr.Domain.Common;

/// <summary>A write would create a second row where a unique constraint allows one, e.g. "widget 1.2.0 already exists".</summary>
public sealed class DuplicateException : DomainException
{
    public DuplicateException(string duplicate, Exception innerException)
        : base($"{duplicate} already exists", innerException)
    {
        Duplicate = duplicate;
    }

    /// <summary>What already exists, in words ("widget 1.2.0").</summary>
    public string Duplicate { get; }

    /// <summary>The entity type whose constraint was violated.</summary>
    public Type? EntityType { get; init; }
}
