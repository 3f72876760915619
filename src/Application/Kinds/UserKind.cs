using System.Text.Json;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Domain.Users;
using static Pinterest.Modular.Application.Cleaning.CleanedRowJson;

namespace Pinterest.Modular.Application.Kinds;

/// <summary>Users: <c>user_data</c> → <see cref="UserCleaning"/> → table <c>users</c>, <c>/api/users/{ind}</c>.</summary>
public sealed class UserKind : RecordKindDescription<RawUser, User>
{
    private static readonly JsonEncodedText[] Names = Encode(User.Columns);

    private UserKind()
        : base(
            RecordKind.User,
            new SourceTableShape(
                "user_data",
                [
                    new("ind", SourceColumnType.Integral),
                    new("first_name", SourceColumnType.Text),
                    new("last_name", SourceColumnType.Text),
                    new("age", SourceColumnType.Integral),
                    new("date_joined", SourceColumnType.Timestamp),
                ]),
            new WarehouseTableShape(
                "users",
                [
                    new("ind", WarehouseColumnType.BigInteger),
                    new("user_name", WarehouseColumnType.Text),
                    new("age", WarehouseColumnType.SmallInteger),
                    new("date_joined", WarehouseColumnType.Timestamp),
                ]),
            rowPath: "users",
            rowNoun: "user")
    {
    }

    public static UserKind Instance { get; } = new();

    public override IReadOnlyList<string> CleanedColumns => User.Columns;

    protected override RawUser ToRaw(string?[] fields) => new(fields[0], fields[1], fields[2], fields[3], fields[4]);

    protected override CleanResult<User> Clean(RawUser raw) => UserCleaning.Clean(raw);

    protected override long Key(User row) => row.Ind;

    protected override void WriteRow(Utf8JsonWriter writer, User row)
    {
        writer.WriteStartObject();
        writer.WriteNumber(Names[0], row.Ind);
        WriteText(writer, Names[1], row.UserName);
        WriteNumber(writer, Names[2], row.Age);
        WriteTimestamp(writer, Names[3], row.DateJoined);
        writer.WriteEndObject();
    }

    protected override void FillRow(object?[] values, User row)
    {
        values[0] = row.Ind;
        values[1] = row.UserName;
        values[2] = row.Age;
        values[3] = row.DateJoined;
    }

    protected override User ReadRow(IReadOnlyList<object?> values) =>
        new((long)values[0]!, (string?)values[1], (int?)values[2], (DateTime?)values[3]);
}
