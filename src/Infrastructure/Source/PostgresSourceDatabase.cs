using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Domain.Common;

using Pinterest.Modular.Application.Kinds;

namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>
/// The source database of spec §1 on PostgreSQL (<c>ConnectionStrings:Source</c>), as the AWS emulator read RDS:
/// rows looked up by key through a pooled data source and written as the same JSON as from SQLite. A seed replaces
/// the three tables in one transaction, slice by slice with binary COPY, so a large set never sits in memory.
/// </summary>
public sealed class PostgresSourceDatabase : ISourceDatabase, IDisposable
{
    // No such table: nothing seeded yet, which reads as no rows.
    private const string UndefinedTable = "42P01";

    private const int SeedSlice = 2_000;

    private readonly NpgsqlDataSource dataSource;

    public PostgresSourceDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        dataSource = NpgsqlDataSource.Create(connectionString);
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Table names are constants of SourceTables.")]
    public async Task<long> CountAsync(RecordKind kind, CancellationToken cancellationToken)
    {
        var table = SourceTables.For(kind);
        try
        {
            await using var command = dataSource.CreateCommand(table.CountSql);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
        catch (PostgresException ex) when (ex.SqlState == UndefinedTable)
        {
            return 0;
        }
    }

    /// <summary>The row whose key is <paramref name="offset"/>: the seeded tables hold key N at offset N.</summary>
    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Table and column names are constants of SourceTables; the key is a parameter.")]
    public async Task<byte[]?> ReadRowAsync(RecordKind kind, long offset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var table = SourceTables.For(kind);
        try
        {
            await using var command = dataSource.CreateCommand(PostgresSourceSql.SelectByKey(table));
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = offset });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? new SourceRowJsonWriter().Write(table, reader) : null;
        }
        catch (PostgresException ex) when (ex.SqlState == UndefinedTable)
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
            await using var command = dataSource.CreateCommand(PostgresSourceSql.SelectKeyRange(table));
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = first });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = first + count });
            return await SourceRowJsonWriter.ReadAllAsync(command, table, count, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == UndefinedTable)
        {
            // Nothing seeded yet: no rows.
            return [];
        }
    }

    /// <summary>
    /// Drops and recreates the three tables and fills them in one transaction, so readers see the old rows or all
    /// the new ones. <paramref name="progress"/> gets the number of posting events written.
    /// </summary>
    public async Task SeedAsync(int rows, int seed, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var table in SourceTables.All)
        {
            await ExecuteAsync(connection, table.DropSql, cancellationToken);
            await ExecuteAsync(connection, PostgresSourceSql.Create(table), cancellationToken);
        }

        long written = 0;
        foreach (var slice in SyntheticSourceData.Generate(rows, seed).Chunk(SeedSlice))
        {
            await CopyAsync(connection, SourceTables.Pin, slice.Select(e => PinValues(e.Pin)), cancellationToken);
            await CopyAsync(connection, SourceTables.Geo, slice.Select(e => GeoValues(e.Geo)), cancellationToken);
            await CopyAsync(connection, SourceTables.User, slice.Select(e => UserValues(e.User)), cancellationToken);
            written += slice.Length;
            progress?.Report(written);
        }

        await transaction.CommitAsync(cancellationToken);
        progress?.Report(rows);
    }

    public void Dispose() => dataSource.Dispose();

    private static object[] PinValues(SourcePinRow pin) =>
    [
        pin.Index, pin.UniqueId, pin.Title, pin.Description, pin.PosterName, pin.FollowerCount, pin.TagList,
        pin.IsImageOrVideo, pin.ImageSrc, pin.Downloaded, pin.SaveLocation, pin.Category,
    ];

    private static object[] GeoValues(SourceGeoRow geo) => [geo.Ind, geo.Timestamp, geo.Latitude, geo.Longitude, geo.Country];

    private static object[] UserValues(SourceUserRow user) => [user.Ind, user.FirstName, user.LastName, user.Age, user.DateJoined];

    private static async Task CopyAsync(
        NpgsqlConnection connection, SourceTable table, IEnumerable<object[]> rows, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(PostgresSourceSql.Copy(table), cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            for (var i = 0; i < row.Length; i++)
            {
                await WriteAsync(importer, table.Columns[i].Type, row[i], cancellationToken);
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static Task WriteAsync(NpgsqlBinaryImporter importer, SourceColumnType type, object value, CancellationToken cancellationToken) => type switch
    {
        SourceColumnType.Integral => importer.WriteAsync(Convert.ToInt64(value, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint, cancellationToken),
        SourceColumnType.Real => importer.WriteAsync((double)value, NpgsqlDbType.Double, cancellationToken),

        // A naive timestamp holding UTC, as the source's datetime columns do: Npgsql refuses a UTC kind here.
        SourceColumnType.Timestamp => importer.WriteAsync(DateTime.SpecifyKind((DateTime)value, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp, cancellationToken),
        _ => importer.WriteAsync((string)value, NpgsqlDbType.Text, cancellationToken),
    };

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Statements are built from constants of SourceTables.")]
    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
