using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Pinterest.Modular.Infrastructure.Database.Analytics;

/// <summary>
/// Reads <see cref="AnalyticsColumns"/> through ADO.NET, on any engine: three statements (no join) in the caller's
/// snapshot transaction; the engine's SQL gives the UTC year of a timestamp.
/// </summary>
internal static class DataReaderColumns
{
    public const string PinsSql = "SELECT ind, category, poster_name, follower_count FROM pins";

    public static string GeoSql(Func<string, string> yearOf) => $"SELECT ind, country, {yearOf("timestamp")} FROM geo";

    public static string UsersSql(Func<string, string> yearOf) =>
        $"SELECT ind, user_name, age, {yearOf("date_joined")}, date_joined FROM users";

    public static Task ReadAsync(DbTransaction snapshot, Func<string, string> yearOf, AnalyticsColumns columns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return ReadAsync(sql => Command(snapshot.Connection!, snapshot, sql), string.Empty, yearOf, columns, cancellationToken);
    }

    /// <summary>
    /// The three tables' rows that <paramref name="filter"/> (a WHERE clause on <c>ind</c>) keeps, each read by a command
    /// <paramref name="command"/> makes from a statement (binding the filter's parameters).
    /// </summary>
    public static async Task ReadAsync(
        Func<string, DbCommand> command, string filter, Func<string, string> yearOf, AnalyticsColumns columns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(columns);
        await EachAsync(command(PinsSql + filter), pins => columns.Pins.Add(new PinEntry(
            pins.GetInt64(0),
            columns.Categories.IdOf(TextOrNull(pins, 1)),
            columns.Posters.IdOf(TextOrNull(pins, 2)),
            pins.IsDBNull(3) ? null : pins.GetInt64(3))), cancellationToken);
        await EachAsync(command(GeoSql(yearOf) + filter), geo => columns.Geo.Add(new GeoEntry(
            geo.GetInt64(0), columns.Countries.IdOf(TextOrNull(geo, 1)), IntOrNull(geo, 2))), cancellationToken);
        await EachAsync(command(UsersSql(yearOf) + filter), users => columns.Users.Add(new UserEntry(
            users.GetInt64(0),
            columns.UserNames.IdOf(TextOrNull(users, 1)),
            IntOrNull(users, 2),
            IntOrNull(users, 3),
            JoinedKey(users, 4, columns))), cancellationToken);
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Constant statements of this class.")]
    private static DbCommand Command(DbConnection connection, DbTransaction snapshot, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = sql;
        return command;
    }

    private static async Task EachAsync(DbCommand statement, Action<DbDataReader> read, CancellationToken cancellationToken)
    {
        await using var command = statement;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            read(reader);
        }
    }

    private static string? TextOrNull(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    // Engines return the year as a 32- or 64-bit integer or a decimal; years fit an int. No boxing for an int.
    private static int? IntOrNull(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null
        : reader.GetFieldType(ordinal) == typeof(int) ? reader.GetInt32(ordinal)
        : Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    // Equal keys for equal stored values: text where the engine stores text (as SQL's DISTINCT compares it), else ticks.
    private static long? JoinedKey(DbDataReader reader, int ordinal, AnalyticsColumns columns) => reader.IsDBNull(ordinal)
        ? null
        : reader.GetFieldType(ordinal) == typeof(string)
            ? columns.JoinedTexts.IdOf(reader.GetString(ordinal))
            : reader.GetDateTime(ordinal).Ticks;
}
