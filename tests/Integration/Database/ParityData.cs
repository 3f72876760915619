using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;
using Pinterest.Modular.Infrastructure.Source;
using static Pinterest.Modular.Tests.Integration.Database.TestRows;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>
/// The same batches for two warehouses: synthetic source rows as the emulator reads them, posted at random offsets
/// (repeats included), cleaned with the pipeline's rules, plus malformed records and hand-made rows on the edges
/// the analytics care about (ties that only code-point order breaks, year boundaries in UTC, age bounds, nulls).
/// </summary>
internal static class ParityData
{
    private static readonly DateTimeOffset At = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public static async Task<IReadOnlyList<(CleanedBatch Batch, IReadOnlyList<ProgressMark> Marks)>> BuildAsync(int sourceRows, int postings, int batchSize)
    {
        using var folder = new TempDir("pm-parity-");
        using var source = new SqliteSourceDatabase(folder.Combine("source.db"));
        await source.SeedAsync(sourceRows, seed: 11, progress: null, CancellationToken.None);

        var random = new Random(5);
        var batches = new List<(CleanedBatch, IReadOnlyList<ProgressMark>)>();
        var sequence = 0;
        for (var start = 0; start < postings; start += batchSize)
        {
            var pins = new List<Pin>();
            var geos = new List<GeoLocation>();
            var users = new List<User>();
            var rejected = new List<RejectedRecord>();
            for (var i = start; i < Math.Min(postings, start + batchSize); i++)
            {
                var offset = random.Next(sourceRows);
                foreach (var kind in new[] { RecordKind.Pin, RecordKind.Geo, RecordKind.User })
                {
                    var json = await source.ReadRowAsync(kind, offset, CancellationToken.None);
                    Clean(kind, json!, $"pinterest.{kind.Name}/0/{sequence++}", pins, geos, users, rejected);
                }

                if (i % 97 == 0)
                {
                    Clean(RecordKind.Pin, """{"index":"not a number"}"""u8.ToArray(), $"pinterest.pin/0/{sequence++}", pins, geos, users, rejected);
                    Clean(RecordKind.User, "{not json"u8.ToArray(), $"pinterest.user/0/{sequence++}", pins, geos, users, rejected);
                }
            }

            var marks = new List<ProgressMark> { new("landing", $"topics/batch-{start}.json", $"etag-{start}") };
            batches.Add((new CleanedBatch(pins, geos, users, rejected), marks));
        }

        batches.Add((Edges(sourceRows + 1_000), [new ProgressMark("stream", "shard-0", "edges")]));
        return batches;
    }

    private static void Clean(
        RecordKind kind, byte[] json, string source, List<Pin> pins, List<GeoLocation> geos, List<User> users, List<RejectedRecord> rejected)
    {
        var outcome = RecordCleaner.Clean(kind, json);
        foreach (var row in outcome.Cleaned)
        {
            switch (row.Row)
            {
                case Pin pin: pins.Add(pin); break;
                case GeoLocation geo: geos.Add(geo); break;
                case User user: users.Add(user); break;
            }
        }

        rejected.AddRange(outcome.Rejected.Select(row => new RejectedRecord(kind, source, row.Reason, row.RawJson, At)));
    }

    /// <summary>Posting events far above the synthetic keys, each a pin with a geo and a user row.</summary>
    private static CleanedBatch Edges(long firstInd)
    {
        var events = new List<(string? Country, string? Category, string? Poster, long? Followers, DateTime? At, int? Age, DateTime? Joined)>
        {
            // Country "Åland": "Zebra" and "apple" tie at 2; code points put "Zebra" first, English puts "apple" first.
            ("Åland", "apple", "bob", 10, Utc(2018, 1, 1), 18, Utc(2015, 1, 1)),
            ("Åland", "apple", "Bob", 10, Utc(2018, 1, 1), 24, Utc(2015, 1, 1)),
            ("Åland", "Zebra", "émile", 10, Utc(2018, 1, 1), 25, Utc(2015, 1, 1)),
            ("Åland", "Zebra", "Emile", 10, Utc(2018, 1, 1), 35, Utc(2015, 1, 1)),

            // "Aland" and "Åland" are different countries; "aland" too.
            ("Aland", "éclair", "zed", 5, Utc(2017, 12, 31, 23, 59, 59), 36, Utc(2014, 12, 31, 23, 59, 59)),
            ("aland", "Eclair", "Zed", 5, Utc(2022, 12, 31, 23, 59, 59), 50, Utc(2020, 12, 31, 23, 59, 59)),
            ("aland", "eclair", "zed", 5, Utc(2023, 1, 1), 51, Utc(2021, 1, 1)),

            // Nulls stay out of every group.
            (null, null, null, null, null, null, null),
            ("Zimbabwe", null, "Ann", null, Utc(2019, 6, 30, 23, 30), 17, Utc(2016, 6, 30, 23, 30)),
        };
        var ind = firstInd;
        var pins = new List<Pin>();
        var geos = new List<GeoLocation>();
        var users = new List<User>();
        foreach (var e in events)
        {
            pins.Add(Pin(ind, e.Category, e.Poster, e.Followers));
            geos.Add(new GeoLocation(ind, e.Country, new Coordinates(1.5, -2.25), e.At));
            users.Add(new User(ind, e.Poster is null ? null : $"user {e.Poster}", e.Age, e.Joined));
            ind++;
        }

        return new CleanedBatch(pins, geos, users, [new RejectedRecord(RecordKind.Geo, "edge/0", "latitude 91", "{\"ind\":1}", At)]);
    }
}
