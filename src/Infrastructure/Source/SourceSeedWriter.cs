using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>
/// Replaces the three source tables inside the caller's transaction and inserts posting events through prepared
/// statements (one per table), so a full reseed is one commit.
/// </summary>
internal sealed class SourceSeedWriter : IDisposable
{
    private readonly SqliteCommand pins;
    private readonly SqliteCommand geos;
    private readonly SqliteCommand users;

    public SourceSeedWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        foreach (var table in SourceTables.All)
        {
            Execute(connection, transaction, table.DropSql);
            Execute(connection, transaction, table.CreateSql);
        }

        pins = PrepareInsert(connection, transaction, SourceTables.Pin);
        geos = PrepareInsert(connection, transaction, SourceTables.Geo);
        users = PrepareInsert(connection, transaction, SourceTables.User);
    }

    public void Write(SyntheticPostingEvent posting)
    {
        var pin = posting.Pin;
        Insert(
            pins,
            pin.Index, pin.UniqueId, pin.Title, pin.Description, pin.PosterName, pin.FollowerCount, pin.TagList,
            pin.IsImageOrVideo, pin.ImageSrc, pin.Downloaded, pin.SaveLocation, pin.Category);

        var geo = posting.Geo;
        Insert(geos, geo.Ind, Format(geo.Timestamp), geo.Latitude, geo.Longitude, geo.Country);

        var user = posting.User;
        Insert(users, user.Ind, user.FirstName, user.LastName, user.Age, Format(user.DateJoined));
    }

    public void Dispose()
    {
        pins.Dispose();
        geos.Dispose();
        users.Dispose();
    }

    private static string Format(DateTime moment) =>
        moment.ToString(SourceTables.DateTimeFormat, CultureInfo.InvariantCulture);

    private static void Insert(SqliteCommand insert, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            insert.Parameters[i].Value = values[i];
        }

        insert.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteCommand PrepareInsert(SqliteConnection connection, SqliteTransaction transaction, SourceTable table)
    {
        var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = table.InsertSql;
        for (var i = 0; i < table.Columns.Count; i++)
        {
            insert.Parameters.Add(new SqliteParameter { ParameterName = $"$p{i}" });
        }

        insert.Prepare();
        return insert;
    }
}
