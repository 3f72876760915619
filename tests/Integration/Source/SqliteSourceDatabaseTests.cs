using System.Text;
using System.Text.Json;
using Pinterest.Modular.Application.Kinds;
using Microsoft.Data.Sqlite;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Infrastructure.Source;

namespace Pinterest.Modular.Tests.Integration.Source;

public sealed class SqliteSourceDatabaseTests(SeededSourceDatabase seeded) : IClassFixture<SeededSourceDatabase>
{
    public static TheoryData<RecordKind> Kinds => [RecordKind.Pin, RecordKind.Geo, RecordKind.User];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task CountAsync_AfterSeedingDefaultRows_ReturnsDefaultRowsForEachTable(RecordKind kind)
    {
        var count = await seeded.Database.CountAsync(kind, CancellationToken.None);

        count.Should().Be(SyntheticSourceData.DefaultRows);
    }

    [Theory]
    [InlineData("pin", 0)]
    [InlineData("pin", 5_000)]
    [InlineData("pin", 11_152)]
    [InlineData("geo", 0)]
    [InlineData("geo", 7_777)]
    [InlineData("geo", 11_152)]
    [InlineData("user", 0)]
    [InlineData("user", 11_000)]
    [InlineData("user", 11_152)]
    public async Task ReadRowAsync_AtOffsetN_ReturnsTheRowWithKeyN(string kindName, long offset)
    {
        RecordKinds.TryParse(kindName, out var kind).Should().BeTrue();
        var json = await seeded.Database.ReadRowAsync(kind, offset, CancellationToken.None);

        using var row = JsonDocument.Parse(json!);
        row.RootElement.GetProperty(kind.KeyField).GetInt64().Should().Be(offset);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ReadRowAsync_PastTheLastRow_ReturnsNull(RecordKind kind)
    {
        var json = await seeded.Database.ReadRowAsync(kind, SyntheticSourceData.DefaultRows, CancellationToken.None);

        json.Should().BeNull();
    }

    [Fact]
    public async Task ReadRowAsync_WithNegativeOffset_Throws()
    {
        var read = () => seeded.Database.ReadRowAsync(RecordKind.Pin, -1, CancellationToken.None);

        await read.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ReadRowAsync_ForSeededRow_HasTheTableColumnsInOrderWithTheirJsonTypes(RecordKind kind)
    {
        var table = SourceTables.For(kind);

        var json = await seeded.Database.ReadRowAsync(kind, 1234, CancellationToken.None);

        using var row = JsonDocument.Parse(json!);
        var properties = row.RootElement.EnumerateObject().ToList();
        properties.Select(p => p.Name).Should().Equal(table.Columns.Select(c => c.Name));
        foreach (var (property, column) in properties.Zip(table.Columns))
        {
            var expected = column.Type is SourceColumnType.Integral or SourceColumnType.Real
                ? JsonValueKind.Number
                : JsonValueKind.String;
            property.Value.ValueKind.Should().Be(expected, $"column {column.Name} is {column.Type}");
            if (column.Type == SourceColumnType.Timestamp)
            {
                property.Value.GetString().Should().MatchRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$");
            }
        }
    }

    [Fact]
    public async Task ReadRowAsync_ForSeededRows_CarriesTheGeneratedValues()
    {
        var posting = SyntheticSourceData.Generate(SyntheticSourceData.DefaultRows, SeededSourceDatabase.Seed)
            .ElementAt(4321);

        var pin = await ReadAsync(RecordKind.Pin, 4321);
        var geo = await ReadAsync(RecordKind.Geo, 4321);
        var user = await ReadAsync(RecordKind.User, 4321);

        pin.Should().Be(posting.Pin);
        geo.Should().Be(posting.Geo);
        user.Should().Be(posting.User);
    }

    [Fact]
    public async Task ReadRowAsync_FromManyTasksAtOnce_ReturnsEachTheRowAskedFor()
    {
        var offsets = Enumerable.Range(0, 3_000).Select(i => (long)(i * 7919 % SyntheticSourceData.DefaultRows)).ToList();
        var wrong = 0;

        await Parallel.ForEachAsync(
            offsets,
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (offset, ct) =>
            {
                foreach (var kind in RecordKinds.All)
                {
                    using var row = JsonDocument.Parse((await seeded.Database.ReadRowAsync(kind, offset, ct))!);
                    if (row.RootElement.GetProperty(kind.KeyField).GetInt64() != offset)
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
            });

        wrong.Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task CountAsync_InEmptyDataDir_ReturnsZeroWithoutCreatingTheFile(RecordKind kind)
    {
        using var directory = new TempDir();
        using var database = SourceDatabaseFactory.Create(directory.Path);

        var count = await database.CountAsync(kind, CancellationToken.None);

        count.Should().Be(0);
        File.Exists(Path.Combine(directory.Path, "source.db")).Should().BeFalse();
    }

    [Fact]
    public async Task ReadRowAsync_InEmptyDataDir_ReturnsNull()
    {
        using var directory = new TempDir();
        using var database = SourceDatabaseFactory.Create(directory.Path);

        var json = await database.ReadRowAsync(RecordKind.Geo, 0, CancellationToken.None);

        json.Should().BeNull();
    }

    [Fact]
    public async Task Constructor_WhenDataDirIsMissing_CreatesIt()
    {
        using var directory = new TempDir();
        var dataDir = Path.Combine(directory.Path, "nested", "data");

        using var database = SourceDatabaseFactory.Create(dataDir);
        await database.SeedAsync(10, 1, null, CancellationToken.None);

        File.Exists(Path.Combine(dataDir, "source.db")).Should().BeTrue();
    }

    [Fact]
    public async Task ReadRowAsync_ForPin_WritesExactlyWhatTheAwsEmulatorSent()
    {
        using var directory = new TempDir();
        using var database = SourceDatabaseFactory.Create(directory.Path);
        await database.SeedAsync(3, 1, null, CancellationToken.None);
        await ExecuteAsync(
            directory.Path,
            """
            UPDATE pinterest_data SET unique_id = '9bb8ff9c-22a6-4b3b-a2b8-1c3b06d9b5a3', title = $title,
              description = $description, poster_name = 'Ink & Co <studio>', follower_count = '124k',
              tag_list = 'Tattoo,Ink Art,Sleeve', is_image_or_video = 'image',
              image_src = 'https://i.pinimg.com/originals/ab/cd/ef/abcdef0123456789abcdef0123456789.jpg', downloaded = 1,
              save_location = 'Local save in /data/tattoos', category = 'tattoos'
            WHERE "index" = 1
            """,
            ("$title", "Tom's \"best\" \\ tattoo\n"),
            ("$description", "Sleeve ideas \u2026\u00a0"));

        var json = await database.ReadRowAsync(RecordKind.Pin, 1, CancellationToken.None);

        Encoding.UTF8.GetString(json!).Should().Be(
            """{"index":1,"unique_id":"9bb8ff9c-22a6-4b3b-a2b8-1c3b06d9b5a3","title":"Tom's \"best\" \\ tattoo\n","description":"Sleeve ideas \u2026\u00a0","poster_name":"Ink & Co <studio>","follower_count":"124k","tag_list":"Tattoo,Ink Art,Sleeve","is_image_or_video":"image","image_src":"https://i.pinimg.com/originals/ab/cd/ef/abcdef0123456789abcdef0123456789.jpg","downloaded":1,"save_location":"Local save in /data/tattoos","category":"tattoos"}""");
    }

    [Fact]
    public async Task ReadRowAsync_ForGeo_WritesFloatsAsPythonReprAndTheTimestampAsText()
    {
        using var directory = new TempDir();
        using var database = SourceDatabaseFactory.Create(directory.Path);
        await database.SeedAsync(3, 1, null, CancellationToken.None);
        await ExecuteAsync(
            directory.Path,
            """
            UPDATE geolocation_data SET timestamp = '2020-08-28 03:52:47', latitude = -5.34445, longitude = 12.0,
              country = 'Cote d''Ivoire'
            WHERE ind = 2
            """);

        var json = await database.ReadRowAsync(RecordKind.Geo, 2, CancellationToken.None);

        Encoding.UTF8.GetString(json!).Should().Be(
            """{"ind":2,"timestamp":"2020-08-28 03:52:47","latitude":-5.34445,"longitude":12.0,"country":"Cote d'Ivoire"}""");
    }

    [Fact]
    public async Task ReadRowAsync_ForUser_WritesNullAndEscapesNonAsciiAsPythonDoes()
    {
        using var directory = new TempDir();
        using var database = SourceDatabaseFactory.Create(directory.Path);
        await database.SeedAsync(3, 1, null, CancellationToken.None);
        await ExecuteAsync(
            directory.Path,
            "UPDATE user_data SET first_name = $first, last_name = NULL, age = 35, date_joined = '2016-01-31 22:01:05' WHERE ind = 0",
            ("$first", "Zo\u00eb \U0001F600"));

        var json = await database.ReadRowAsync(RecordKind.User, 0, CancellationToken.None);

        Encoding.UTF8.GetString(json!).Should().Be(
            """{"ind":0,"first_name":"Zo\u00eb \ud83d\ude00","last_name":null,"age":35,"date_joined":"2016-01-31 22:01:05"}""");
    }

    [Fact]
    public async Task SeedAsync_AgainWithOtherRowsAndSeed_ReplacesTheTablesSeenByOpenReaders()
    {
        using var directory = new TempDir();
        using var database = SourceDatabaseFactory.Create(directory.Path);
        await database.SeedAsync(100, 1, null, CancellationToken.None);
        var before = await database.ReadRowAsync(RecordKind.Pin, 5, CancellationToken.None);

        await database.SeedAsync(50, 2, null, CancellationToken.None);

        var after = await database.ReadRowAsync(RecordKind.Pin, 5, CancellationToken.None);
        after.Should().NotEqual(before);
        ToPin(after!).Should().Be(SyntheticSourceData.Generate(50, 2).ElementAt(5).Pin);
        (await database.ReadRowAsync(RecordKind.Pin, 60, CancellationToken.None)).Should().BeNull();
        foreach (var kind in RecordKinds.All)
        {
            (await database.CountAsync(kind, CancellationToken.None)).Should().Be(50);
        }
    }

    [Fact]
    public async Task SeedAsync_WithTheSameSeedInTwoDirectories_WritesIdenticalRows()
    {
        using var first = new TempDir();
        using var second = new TempDir();
        using var one = SourceDatabaseFactory.Create(first.Path);
        using var other = SourceDatabaseFactory.Create(second.Path);
        await one.SeedAsync(500, 99, null, CancellationToken.None);
        await other.SeedAsync(500, 99, null, CancellationToken.None);

        foreach (var kind in RecordKinds.All)
        {
            foreach (var offset in new long[] { 0, 123, 499 })
            {
                var expected = await one.ReadRowAsync(kind, offset, CancellationToken.None);
                (await other.ReadRowAsync(kind, offset, CancellationToken.None)).Should().Equal(expected);
            }
        }
    }

    [Fact]
    public async Task SeedAsync_WithDifferentSeeds_WritesDifferentRows()
    {
        using var first = new TempDir();
        using var second = new TempDir();
        using var one = SourceDatabaseFactory.Create(first.Path);
        using var other = SourceDatabaseFactory.Create(second.Path);
        await one.SeedAsync(100, 1, null, CancellationToken.None);
        await other.SeedAsync(100, 2, null, CancellationToken.None);

        foreach (var kind in RecordKinds.All)
        {
            var expected = await one.ReadRowAsync(kind, 10, CancellationToken.None);
            (await other.ReadRowAsync(kind, 10, CancellationToken.None)).Should().NotEqual(expected);
        }
    }

    [Fact]
    public async Task SeedAsync_ReportsProgressRisingToTheRowCount()
    {
        using var directory = new TempDir();
        using var database = SourceDatabaseFactory.Create(directory.Path);
        var reports = new List<long>();

        await database.SeedAsync(2_345, 1, new InlineProgress(reports.Add), CancellationToken.None);

        reports.Should().HaveCountGreaterThan(2).And.BeInAscendingOrder();
        reports[^1].Should().Be(2_345);
    }

    [Fact]
    public async Task SeedAsync_WhenCancelledPartWay_KeepsThePreviousRows()
    {
        using var directory = new TempDir();
        using var database = SourceDatabaseFactory.Create(directory.Path);
        await database.SeedAsync(100, 1, null, CancellationToken.None);
        var before = await database.ReadRowAsync(RecordKind.User, 42, CancellationToken.None);
        using var cancellation = new CancellationTokenSource();

        var seed = () => database.SeedAsync(5_000, 2, new InlineProgress(_ => cancellation.Cancel()), cancellation.Token);

        await seed.Should().ThrowAsync<OperationCanceledException>();
        (await database.CountAsync(RecordKind.Pin, CancellationToken.None)).Should().Be(100);
        (await database.ReadRowAsync(RecordKind.User, 42, CancellationToken.None)).Should().Equal(before);
    }

    private static async Task ExecuteAsync(string dataDir, string sql, params (string Name, string Value)[] parameters)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDir, "source.db"),
            Pooling = false,
        }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }

    private async Task<object> ReadAsync(RecordKind kind, long offset)
    {
        var json = (await seeded.Database.ReadRowAsync(kind, offset, CancellationToken.None))!;
        return kind switch
        {
            _ when kind == RecordKind.Pin => ToPin(json),
            _ when kind == RecordKind.Geo => ToGeo(json),
            _ => ToUser(json),
        };
    }

    private static SourcePinRow ToPin(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var row = document.RootElement;
        return new SourcePinRow(
            row.GetProperty("index").GetInt64(),
            row.GetProperty("unique_id").GetString()!,
            row.GetProperty("title").GetString()!,
            row.GetProperty("description").GetString()!,
            row.GetProperty("poster_name").GetString()!,
            row.GetProperty("follower_count").GetString()!,
            row.GetProperty("tag_list").GetString()!,
            row.GetProperty("is_image_or_video").GetString()!,
            row.GetProperty("image_src").GetString()!,
            row.GetProperty("downloaded").GetInt32(),
            row.GetProperty("save_location").GetString()!,
            row.GetProperty("category").GetString()!);
    }

    private static SourceGeoRow ToGeo(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var row = document.RootElement;
        return new SourceGeoRow(
            row.GetProperty("ind").GetInt64(),
            ParseMoment(row.GetProperty("timestamp").GetString()!),
            row.GetProperty("latitude").GetDouble(),
            row.GetProperty("longitude").GetDouble(),
            row.GetProperty("country").GetString()!);
    }

    private static SourceUserRow ToUser(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var row = document.RootElement;
        return new SourceUserRow(
            row.GetProperty("ind").GetInt64(),
            row.GetProperty("first_name").GetString()!,
            row.GetProperty("last_name").GetString()!,
            row.GetProperty("age").GetInt32(),
            ParseMoment(row.GetProperty("date_joined").GetString()!));
    }

    private static DateTime ParseMoment(string text) => DateTime.SpecifyKind(
        DateTime.ParseExact(text, SourceTables.DateTimeFormat, System.Globalization.CultureInfo.InvariantCulture),
        DateTimeKind.Utc);

    /// <summary>Reports on the caller's thread, unlike <see cref="Progress{T}"/>, so a test sees every report at once.</summary>
    private sealed class InlineProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
