using System.Text.Json;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Domain.Common;
using static Pinterest.Modular.Application.Cleaning.CleanedRowJson;

namespace Pinterest.Modular.Tests.Integration.Kinds;

/// <summary>A comment as it arrives: each field the text of its wire value, or null.</summary>
internal sealed record RawComment(string? Ind, string? Text, string? CreatedAt);

/// <summary>A cleaned comment.</summary>
internal sealed record Comment(long Ind, string? Text, DateTime? CreatedAt)
{
    public static IReadOnlyList<string> Columns { get; } = ["ind", "text", "created_at"];
}

/// <summary>The comment's one rule of its own: the text is trimmed, and a comment without text is rejected.</summary>
internal static class CommentCleaning
{
    public const string NoTextReason = "text is missing: a comment needs its text";

    public static CleanResult<Comment> Clean(RawComment raw)
    {
        if (!FieldRules.TryKey(raw.Ind, "ind", out var ind, out var rejection)
            || !FieldRules.TryOptionalTimestamp(raw.CreatedAt, "created_at", out var createdAt, out rejection))
        {
            return CleanResult.Rejected<Comment>(rejection);
        }

        return TextValues.IsBlank(raw.Text)
            ? CleanResult.Rejected<Comment>(NoTextReason)
            : CleanResult.Cleaned(new Comment(ind, raw.Text!.Trim(), createdAt));
    }
}

/// <summary>
/// A fourth record kind, defined only here, as a feature team would add one: its record and rule above, and this
/// description. Its table is created by the test.
/// </summary>
internal sealed class CommentKind : RecordKindDescription<RawComment, Comment>
{
    public const string Table = "comments";

    public const string CreateTableSql = "CREATE TABLE comments (ind INTEGER NOT NULL PRIMARY KEY, text TEXT NULL, created_at TEXT NULL)";

    private static readonly JsonEncodedText[] Names = Encode(Comment.Columns);

    private CommentKind()
        : base(
            new RecordKind("comment", "ind"),
            new SourceTableShape(
                "comment_data",
                [new("ind", SourceColumnType.Integral), new("text", SourceColumnType.Text), new("created_at", SourceColumnType.Timestamp)]),
            new WarehouseTableShape(
                Table,
                [new("ind", WarehouseColumnType.BigInteger), new("text", WarehouseColumnType.Text), new("created_at", WarehouseColumnType.Timestamp)]),
            rowPath: "comment",
            rowNoun: "comment")
    {
    }

    public static CommentKind Instance { get; } = new();

    public override IReadOnlyList<string> CleanedColumns => Comment.Columns;

    protected override RawComment ToRaw(string?[] fields) => new(fields[0], fields[1], fields[2]);

    protected override CleanResult<Comment> Clean(RawComment raw) => CommentCleaning.Clean(raw);

    protected override long Key(Comment row) => row.Ind;

    protected override void WriteRow(Utf8JsonWriter writer, Comment row)
    {
        writer.WriteStartObject();
        writer.WriteNumber(Names[0], row.Ind);
        WriteText(writer, Names[1], row.Text);
        WriteTimestamp(writer, Names[2], row.CreatedAt);
        writer.WriteEndObject();
    }

    protected override void FillRow(object?[] values, Comment row)
    {
        values[0] = row.Ind;
        values[1] = row.Text;
        values[2] = row.CreatedAt;
    }

    protected override Comment ReadRow(IReadOnlyList<object?> values) => new((long)values[0]!, (string?)values[1], (DateTime?)values[2]);
}
