using Atr.Domain.Common;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Atr.Domain.Data;

/// <summary>
/// Every DateTime column holds UTC. A Local value is converted, an Unspecified one is refused (it could be any zone),
/// and values read back are marked Utc. DateTimeOffset is not used: SQLite can neither order nor compare it.
/// </summary>
public sealed class UtcDateTimeConverter()
    : ValueConverter<DateTime, DateTime>(value => ToStore(value), value => DateTime.SpecifyKind(value, DateTimeKind.Utc))
{
    public static DateTime ToStore(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => throw new NaiveDateTimeException("A value", value),
    };
}
