namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>How timestamps cross the database boundary: always UTC.</summary>
internal static class UtcTimestamps
{
    public static DateTime ToStored(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => value,
    };

    public static DateTime ToStored(DateTimeOffset value) => value.UtcDateTime;

    public static DateTimeOffset ToOffset(DateTime stored) =>
        new(DateTime.SpecifyKind(stored, DateTimeKind.Utc), TimeSpan.Zero);

    public static DateTimeOffset? ToOffset(DateTime? stored) => stored is { } value ? ToOffset(value) : null;
}
