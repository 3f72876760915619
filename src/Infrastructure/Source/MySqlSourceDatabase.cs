using System.Data;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using MySqlConnector;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>
/// The source database of spec §1 on MySQL (<c>ConnectionStrings:Source</c>), as the AWS emulator read RDS MySQL:
/// one row by offset per table at random, an in-order run's rows by key range, written as the same JSON as from SQLite. A seed fills new tables beside the old ones
/// with bulk loads and swaps them in with one atomic <c>RENAME TABLE</c> (DDL commits on MySQL, so a transaction
/// cannot do it), so readers see the old rows or all the new ones.
/// </summary>
public sealed class MySqlSourceDatabase(string connectionString) : ISourceDatabase
{
    private const int SeedSlice = 5_000;
    private const string NewSuffix = "_pm_new";
    private const string OldSuffix = "_pm_old";

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Table names are constants of SourceTables.")]
    public async Task<long> CountAsync(RecordKind kind, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = new MySqlCommand(MySqlSourceSql.Count(SourceTables.For(kind)), connection);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.NoSuchTable)
        {
            // Nothing seeded yet, which reads as no rows.
            return 0;
        }
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Table and column names are constants of SourceTables; the offset is a parameter.")]
    public async Task<byte[]?> ReadRowAsync(RecordKind kind, long offset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var table = SourceTables.For(kind);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = new MySqlCommand(MySqlSourceSql.SelectAtOffset(table), connection);
            command.Parameters.AddWithValue("@offset", offset);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? new SourceRowJsonWriter().Write(table, reader) : null;
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.NoSuchTable)
        {
            return null;
        }
    }

    /// <summary>The rows whose keys are <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1, in one statement.</summary>
    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Table and column names are constants of SourceTables; the keys are parameters.")]
    public async Task<IReadOnlyList<byte[]>> ReadRowsAsync(RecordKind kind, long first, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var table = SourceTables.For(kind);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = new MySqlCommand(MySqlSourceSql.SelectKeyRange(table), connection);
            command.Parameters.AddWithValue("@first", first);
            command.Parameters.AddWithValue("@end", first + count);
            return await SourceRowJsonWriter.ReadAllAsync(command, table, count, cancellationToken);
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.NoSuchTable)
        {
            // Nothing seeded yet: no rows.
            return [];
        }
    }

    /// <summary>Replaces the three tables; <paramref name="progress"/> gets the number of posting events written.</summary>
    public async Task SeedAsync(int rows, int seed, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        await using var connection = await OpenAsync(cancellationToken);
        foreach (var table in SourceTables.All)
        {
            await ExecuteAsync(connection, $"DROP TABLE IF EXISTS {MySqlSourceSql.Quote(table.Name + NewSuffix)}, {MySqlSourceSql.Quote(table.Name + OldSuffix)}", cancellationToken);
            await ExecuteAsync(connection, MySqlSourceSql.Create(table, table.Name + NewSuffix), cancellationToken);
        }

        long written = 0;
        foreach (var slice in SyntheticSourceData.Generate(rows, seed).Chunk(SeedSlice))
        {
            await LoadAsync(connection, SourceTables.Pin, slice.Select(e => PinValues(e.Pin)), cancellationToken);
            await LoadAsync(connection, SourceTables.Geo, slice.Select(e => GeoValues(e.Geo)), cancellationToken);
            await LoadAsync(connection, SourceTables.User, slice.Select(e => UserValues(e.User)), cancellationToken);
            written += slice.Length;
            progress?.Report(written);
        }

        await SwapInAsync(connection, cancellationToken);
        progress?.Report(rows);
    }

    private static async Task SwapInAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        // RENAME TABLE fails on a missing table, so a first seed gives the old names placeholder tables to move away.
        foreach (var table in SourceTables.All)
        {
            await ExecuteAsync(connection, $"CREATE TABLE IF NOT EXISTS {MySqlSourceSql.Quote(table.Name)} LIKE {MySqlSourceSql.Quote(table.Name + NewSuffix)}", cancellationToken);
        }

        var renames = SourceTables.All.SelectMany(table => new[]
        {
            $"{MySqlSourceSql.Quote(table.Name)} TO {MySqlSourceSql.Quote(table.Name + OldSuffix)}",
            $"{MySqlSourceSql.Quote(table.Name + NewSuffix)} TO {MySqlSourceSql.Quote(table.Name)}",
        });
        await ExecuteAsync(connection, "RENAME TABLE " + string.Join(", ", renames), cancellationToken);
        await ExecuteAsync(connection, "DROP TABLE " + string.Join(", ", SourceTables.All.Select(table => MySqlSourceSql.Quote(table.Name + OldSuffix))), cancellationToken);
    }

    private async Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static object[] PinValues(SourcePinRow pin) =>
    [
        pin.Index, pin.UniqueId, pin.Title, pin.Description, pin.PosterName, pin.FollowerCount, pin.TagList,
        pin.IsImageOrVideo, pin.ImageSrc, pin.Downloaded, pin.SaveLocation, pin.Category,
    ];

    private static object[] GeoValues(SourceGeoRow geo) => [geo.Ind, geo.Timestamp, geo.Latitude, geo.Longitude, geo.Country];

    private static object[] UserValues(SourceUserRow user) => [user.Ind, user.FirstName, user.LastName, user.Age, user.DateJoined];

    private static async Task LoadAsync(MySqlConnection connection, SourceTable table, IEnumerable<object[]> rows, CancellationToken cancellationToken)
    {
        using var data = new DataTable { Locale = CultureInfo.InvariantCulture };
        foreach (var column in table.Columns)
        {
            data.Columns.Add(column.Name, typeof(object));
        }

        foreach (var row in rows)
        {
            data.Rows.Add(row);
        }

        var bulk = new MySqlBulkCopy(connection) { DestinationTableName = MySqlSourceSql.Quote(table.Name + NewSuffix), BulkCopyTimeout = 0 };
        var result = await bulk.WriteToServerAsync(data, cancellationToken);
        if (result.RowsInserted != data.Rows.Count)
        {
            throw new InvalidOperationException($"Seeding {table.Name}: {result.RowsInserted} of {data.Rows.Count} rows loaded.");
        }
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Statements are built from constants of SourceTables.")]
    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
