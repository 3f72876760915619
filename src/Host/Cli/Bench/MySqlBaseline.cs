using System.Data;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using MySqlConnector;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;

namespace Pinterest.Modular.Host.Cli.Bench;

/// <summary>
/// The batch scenario's baseline on MySQL: the same clean rows bulk-loaded (MySqlBulkCopy, LOAD DATA LOCAL INFILE) into
/// the empty tables of a fresh warehouse database on the same server, in one transaction; no reading, no cleaning, no
/// upsert.
/// </summary>
public static class MySqlBaseline
{
    /// <summary>The baseline's database beside the job's: the job's name with <c>_baseline</c>, dropped first.</summary>
    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The name comes from the operator's own connection string, quoted.")]
    public static async Task<string> FreshDatabaseAsync(string warehouseConnectionString, CancellationToken cancellationToken)
    {
        var builder = new MySqlConnectionStringBuilder(warehouseConnectionString);
        var name = builder.Database + "_baseline";
        builder.Database = "";
        await using (var connection = new MySqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var drop = new MySqlCommand($"DROP DATABASE IF EXISTS `{name.Replace("`", "``", StringComparison.Ordinal)}`", connection);
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        builder.Database = name;
        return builder.ConnectionString;
    }

    public static async Task<TimeSpan> BulkInsertAsync(string connectionString, CleanedBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(connectionString) { AllowLoadLocalInfile = true }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var (pins, geos, users) = (batch.RowsOf<Pin>(PinKind.Instance), batch.RowsOf<GeoLocation>(GeoKind.Instance), batch.RowsOf<User>(UserKind.Instance));
        var clock = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LoadAsync(connection, transaction, "pins", Pin.Columns, pins, p =>
            [p.Ind, p.UniqueId, p.Title, p.Description, p.FollowerCount, p.PosterName, p.TagList, p.IsImageOrVideo, p.ImageSrc, p.SaveLocation, p.Category], cancellationToken);
        await LoadAsync(connection, transaction, "geo", ["ind", "country", "latitude", "longitude", "timestamp"], geos, g =>
            [g.Ind, g.Country, g.Coordinates?.Latitude, g.Coordinates?.Longitude, g.Timestamp], cancellationToken);
        await LoadAsync(connection, transaction, "users", User.Columns, users, u => [u.Ind, u.UserName, u.Age, u.DateJoined], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return clock.Elapsed;
    }

    private static async Task LoadAsync<T>(
        MySqlConnection connection,
        MySqlTransaction transaction,
        string table,
        IReadOnlyList<string> columns,
        IReadOnlyList<T> rows,
        Func<T, object?[]> values,
        CancellationToken cancellationToken)
    {
        foreach (var slice in rows.Chunk(10_000))
        {
            using var data = new DataTable { Locale = CultureInfo.InvariantCulture };
            foreach (var column in columns)
            {
                data.Columns.Add(column, typeof(object));
            }

            foreach (var row in slice)
            {
                data.Rows.Add(values(row).Select(cell => cell ?? DBNull.Value).ToArray());
            }

            var bulk = new MySqlBulkCopy(connection, transaction) { DestinationTableName = table, BulkCopyTimeout = 0 };
            for (var i = 0; i < columns.Count; i++)
            {
                bulk.ColumnMappings.Add(new MySqlBulkCopyColumnMapping(i, columns[i]));
            }

            var result = await bulk.WriteToServerAsync(data, cancellationToken);
            if (result.Warnings.Count > 0)
            {
                throw new InvalidOperationException($"baseline load of {table}: {result.Warnings[0].Message}");
            }
        }
    }
}
