namespace Atr.Domain.Common;

/// <summary>Several fields of one input are invalid; <see cref="Errors"/> names each with its reasons.</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string[]> errors)
    : DomainException(string.Join("; ", errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}"))))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
