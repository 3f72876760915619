using Npgsql;
using NpgsqlTypes;

namespace Pinterest.Modular.Infrastructure.Database.Postgres;

/// <summary>
/// One value of a warehouse row into a binary COPY, typed by its CLR type. The warehouse holds only these types;
/// timestamps are UTC already (<see cref="UtcTimestamps"/>), as <c>timestamptz</c> requires.
/// </summary>
internal static class BinaryValues
{
    public static Task WriteAsync(NpgsqlBinaryImporter importer, object? value, CancellationToken cancellationToken) => value switch
    {
        null => importer.WriteNullAsync(cancellationToken),
        long number => importer.WriteAsync(number, NpgsqlDbType.Bigint, cancellationToken),
        int number => importer.WriteAsync(number, NpgsqlDbType.Integer, cancellationToken),
        double number => importer.WriteAsync(number, NpgsqlDbType.Double, cancellationToken),
        string text => importer.WriteAsync(text, NpgsqlDbType.Text, cancellationToken),
        DateTime moment => importer.WriteAsync(UtcTimestamps.ToStored(moment), NpgsqlDbType.TimestampTz, cancellationToken),
        _ => throw new ArgumentException($"A warehouse row holds no {value.GetType().Name} values.", nameof(value)),
    };
}
