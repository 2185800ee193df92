namespace Atr.Domain.Common;

/// <summary>
/// A timestamp without a time zone reached the database. Atr stores UTC only; a value whose
/// <see cref="DateTimeKind"/> is Unspecified could be any zone, so it is refused instead of guessed.
/// </summary>
public sealed class NaiveDateTimeException(string where, DateTime value)
    : DomainException($"{where} is a date-time without a time zone ({value:yyyy-MM-dd HH:mm:ss}); give it in UTC or with an offset");
