using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// Stores every timestamp as UTC and reads it back marked UTC (SQLite keeps text without a zone, so the kind would
/// otherwise come back Unspecified). The domain already hands over UTC; Unspecified is taken to mean UTC.
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => UtcTimestamps.ToStored(value),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
