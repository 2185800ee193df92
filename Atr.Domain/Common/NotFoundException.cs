namespace Atr.Domain.Common;

/// <summary>The thing asked for does not exist (or the caller may not know that it exists).</summary>
public sealed class NotFoundException(string what) : DomainException($"{what} was not found");
