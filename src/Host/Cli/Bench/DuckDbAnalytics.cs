using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using DuckDB.NET.Data;
using Pinterest.Modular.Application.Analytics;

namespace Pinterest.Modular.Host.Cli.Bench;

/// <summary>
/// <c>bench analytics</c>' baseline: the nine questions written as a data engineer would write them for DuckDB
/// (<c>QUALIFY</c>, <c>quantile_disc</c>), over the warehouse's rows copied into an in-memory DuckDB database.
/// Its answers are compared with the host's, so the baseline is checked to do the same work.
/// </summary>
public sealed class DuckDbAnalytics : IAsyncDisposable
{
    private const string AgeGroup = """
        CASE WHEN age BETWEEN 18 AND 24 THEN '18-24' WHEN age BETWEEN 25 AND 35 THEN '25-35'
             WHEN age BETWEEN 36 AND 50 THEN '36-50' WHEN age >= 51 THEN '+50' END
        """;

    private const string AgeOrder = "list_position(['18-24', '25-35', '36-50', '+50'], age_group)";

    private static readonly (string Name, string Sql)[] Queries =
    [
        (AnalyticsQuery.TopCategoryByCountry, """
            SELECT country, category, count(*) AS category_count
            FROM pins JOIN geo USING (ind)
            WHERE country IS NOT NULL AND category IS NOT NULL
            GROUP BY country, category
            QUALIFY row_number() OVER (PARTITION BY country ORDER BY count(*) DESC, category) = 1
            ORDER BY country
            """),
        (AnalyticsQuery.TopCategoryByYear, """
            SELECT year(timestamp) AS post_year, category, count(*) AS category_count
            FROM pins JOIN geo USING (ind)
            WHERE year(timestamp) BETWEEN 2018 AND 2022 AND category IS NOT NULL
            GROUP BY post_year, category
            QUALIFY row_number() OVER (PARTITION BY post_year ORDER BY count(*) DESC, category) = 1
            ORDER BY post_year
            """),
        (AnalyticsQuery.TopPosterByCountry, """
            SELECT country, poster_name, max(follower_count) AS follower_count
            FROM pins JOIN geo USING (ind)
            WHERE country IS NOT NULL AND poster_name IS NOT NULL AND follower_count IS NOT NULL
            GROUP BY country, poster_name
            QUALIFY row_number() OVER (PARTITION BY country ORDER BY max(follower_count) DESC, poster_name) = 1
            ORDER BY country
            """),
        (AnalyticsQuery.TopCountryByFollowers, """
            SELECT country, max(follower_count) AS follower_count
            FROM pins JOIN geo USING (ind)
            WHERE country IS NOT NULL AND poster_name IS NOT NULL AND follower_count IS NOT NULL
            GROUP BY country
            ORDER BY follower_count DESC, country
            LIMIT 1
            """),
        (AnalyticsQuery.TopCategoryByAgeGroup, $"""
            SELECT {AgeGroup} AS age_group, category, count(*) AS category_count
            FROM pins JOIN users USING (ind)
            WHERE age >= 18 AND category IS NOT NULL
            GROUP BY age_group, category
            QUALIFY row_number() OVER (PARTITION BY age_group ORDER BY count(*) DESC, category) = 1
            ORDER BY {AgeOrder}
            """),
        (AnalyticsQuery.MedianFollowersByAgeGroup, $"""
            SELECT {AgeGroup} AS age_group, quantile_disc(follower_count, 0.5) AS median_follower_count
            FROM pins JOIN users USING (ind)
            WHERE age >= 18 AND follower_count IS NOT NULL
            GROUP BY age_group
            ORDER BY {AgeOrder}
            """),
        (AnalyticsQuery.UsersJoinedByYear, """
            SELECT year(date_joined) AS post_year, count(*) AS number_users_joined
            FROM (SELECT DISTINCT user_name, age, date_joined FROM users
                  WHERE user_name IS NOT NULL AND age IS NOT NULL AND year(date_joined) BETWEEN 2015 AND 2020)
            GROUP BY post_year
            ORDER BY post_year
            """),
        (AnalyticsQuery.MedianFollowersByJoinYear, """
            SELECT year(date_joined) AS post_year, quantile_disc(follower_count, 0.5) AS median_follower_count
            FROM pins JOIN users USING (ind)
            WHERE year(date_joined) BETWEEN 2015 AND 2020 AND follower_count IS NOT NULL
            GROUP BY post_year
            ORDER BY post_year
            """),
        (AnalyticsQuery.MedianFollowersByJoinYearAndAgeGroup, $"""
            SELECT {AgeGroup} AS age_group, year(date_joined) AS post_year,
                quantile_disc(follower_count, 0.5) AS median_follower_count
            FROM pins JOIN users USING (ind)
            WHERE age >= 18 AND year(date_joined) BETWEEN 2015 AND 2020 AND follower_count IS NOT NULL
            GROUP BY age_group, post_year
            ORDER BY {AgeOrder}, post_year
            """),
    ];

    private readonly DuckDBConnection duck;

    private DuckDbAnalytics(DuckDBConnection duck) => this.duck = duck;

    /// <summary>Copies the columns the nine need from the warehouse's three tables into DuckDB tables in memory.</summary>
    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Constant statements.")]
    public static async Task<DuckDbAnalytics> LoadAsync(DbConnection warehouse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        var duck = new DuckDBConnection("DataSource=:memory:");
        await duck.OpenAsync(cancellationToken);
        await using (var create = duck.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE pins (ind BIGINT, category VARCHAR, poster_name VARCHAR, follower_count BIGINT);
                CREATE TABLE geo (ind BIGINT, country VARCHAR, timestamp TIMESTAMP);
                CREATE TABLE users (ind BIGINT, user_name VARCHAR, age BIGINT, date_joined TIMESTAMP);
                """;
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await CopyAsync(warehouse, duck, "pins", "ind, category, poster_name, follower_count", cancellationToken);
        await CopyAsync(warehouse, duck, "geo", "ind, country, timestamp", cancellationToken);
        await CopyAsync(warehouse, duck, "users", "ind, user_name, age, date_joined", cancellationToken);
        return new DuckDbAnalytics(duck);
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Constant statements.")]
    public async Task<IReadOnlyList<AnalyticsResult>> RunAllAsync(CancellationToken cancellationToken)
    {
        var results = new List<AnalyticsResult>(Queries.Length);
        foreach (var (name, sql) in Queries)
        {
            await using var command = duck.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var rows = new List<IReadOnlyList<object?>>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Normalize(reader.GetValue(i)))]);
            }

            results.Add(new AnalyticsResult(name, columns, rows));
        }

        return results;
    }

    public ValueTask DisposeAsync() => duck.DisposeAsync();

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Constant table and column names.")]
    private static async Task CopyAsync(DbConnection warehouse, DuckDBConnection duck, string table, string columns, CancellationToken cancellationToken)
    {
        await using var command = warehouse.CreateCommand();
        command.CommandText = $"SELECT {columns} FROM {table}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        using var appender = duck.CreateAppender(table);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = appender.CreateRow();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row = reader.IsDBNull(i) ? row.AppendNullValue() : reader.GetValue(i) switch
                {
                    string when reader.GetName(i) is "timestamp" or "date_joined" => row.AppendValue(reader.GetDateTime(i)),
                    string text => row.AppendValue(text),
                    DateTime time => row.AppendValue(time),
                    long number => row.AppendValue(number),
                    var other => row.AppendValue(Convert.ToInt64(other, System.Globalization.CultureInfo.InvariantCulture)),
                };
            }

            row.EndRow();
        }
    }

    private static object? Normalize(object value) => value switch
    {
        DBNull => null,
        string text => text,
        _ => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
