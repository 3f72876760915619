using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Application.Landing;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;
using Pinterest.Modular.Infrastructure.Database;

namespace Pinterest.Modular.Host.Cli.Bench;

/// <summary>N posting events as a benchmark needs them: landed in the S3 sink layout, or cleaned and bulk-inserted.</summary>
public static class BenchDataset
{
    private const int FlushSize = 1000;

    /// <summary>Writes the events' rows as landing objects of <see cref="FlushSize"/> records, as the sink connector would.</summary>
    public static Task LandAsync(IObjectStore landing, RouteTable routes, BenchRows rows, long events, CancellationToken cancellationToken) =>
        LandAsync(landing, routes, rows, 0, events, cancellationToken);

    /// <summary>Lands events <paramref name="first"/> to <paramref name="first"/> + <paramref name="events"/> - 1 (their own objects).</summary>
    public static async Task LandAsync(
        IObjectStore landing, RouteTable routes, BenchRows rows, long first, long events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(landing);
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(rows);
        var end = first + events;
        foreach (var topic in routes.Topics)
        {
            using var content = new MemoryStream();
            for (var start = first; start < end; start += FlushSize)
            {
                content.SetLength(0);
                for (var ind = start; ind < Math.Min(end, start + FlushSize); ind++)
                {
                    content.Write(rows.Row(topic.Kind, ind));
                    content.WriteByte((byte)'\n');
                }

                await landing.PutAsync(new LandingObjectKey(topic.Name, 0, start).ToString(), content.ToArray(), cancellationToken);
            }
        }
    }

    /// <summary>The events' rows cleaned in memory, with the pipeline's own rules.</summary>
    public static CleanedBatch Clean(BenchRows rows, long events) => Clean(rows, 0, events);

    /// <summary>The rows of events <paramref name="first"/> to <paramref name="first"/> + <paramref name="events"/> - 1, cleaned.</summary>
    public static CleanedBatch Clean(BenchRows rows, long first, long events)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var cleaned = new CleanedRows();
        for (var ind = first; ind < first + events; ind++)
        {
            foreach (var kind in BuiltInKinds.All)
            {
                cleaned.Add(kind, RecordCleaner.Clean(kind, rows.Row(kind.Kind, ind)));
            }
        }

        return cleaned.ToBatch([]);
    }

    /// <summary>
    /// The baseline of the batch scenario: the same clean rows inserted into the same kind of SQLite warehouse in one
    /// transaction with prepared statements and the warehouse's pragmas; no reading, no cleaning, no upsert.
    /// </summary>
    public static async Task<TimeSpan> BulkInsertAsync(string databaseFile, CleanedBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var connection = new SqliteConnection($"Data Source={databaseFile}");
        await connection.OpenAsync(cancellationToken);
        await using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = SqlitePragmas.For(TimeSpan.FromSeconds(5)); // the warehouse's own settings
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
        }

        var (pins, geos, users) = (batch.RowsOf<Pin>(PinKind.Instance), batch.RowsOf<GeoLocation>(GeoKind.Instance), batch.RowsOf<User>(UserKind.Instance));
        var clock = Stopwatch.StartNew();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await InsertAsync(connection, transaction, "pins", Pin.Columns, pins, p =>
            [p.Ind, p.UniqueId, p.Title, p.Description, p.FollowerCount, p.PosterName, p.TagList, p.IsImageOrVideo, p.ImageSrc, p.SaveLocation, p.Category], cancellationToken);
        await InsertAsync(connection, transaction, "geo", ["ind", "country", "latitude", "longitude", "timestamp"], geos, g =>
            [g.Ind, g.Country, g.Coordinates?.Latitude, g.Coordinates?.Longitude, g.Timestamp], cancellationToken);
        await InsertAsync(connection, transaction, "users", User.Columns, users, u => [u.Ind, u.UserName, u.Age, u.DateJoined], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return clock.Elapsed;
    }

    private static async Task InsertAsync<T>(
        SqliteConnection connection, SqliteTransaction transaction, string table, IReadOnlyList<string> columns, IReadOnlyList<T> rows,
        Func<T, object?[]> values, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES (");
        sql.AppendJoin(", ", columns.Select((_, i) => $"@p{i}")).Append(')');
        command.CommandText = sql.ToString();
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"@p{i}", null))).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            var cells = values(row);
            for (var i = 0; i < cells.Length; i++)
            {
                parameters[i].Value = cells[i] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
