using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Infrastructure.Database.Analytics;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// The analytics of spec §5 as one SQL statement each (<see cref="AnalyticsSql"/>), through the context's connection:
/// the reference <see cref="ColumnScanAnalyticsQueries"/> is tested against, and the old figure <c>bench analytics</c>
/// compares with. Not the port's implementation: nine statements over 1,000,000 events took 20 s on SQLite.
/// </summary>
public sealed class SqlAnalyticsQueries(IDbContextFactory<WarehouseDbContext> contexts, DatabaseProvider provider)
    : IAnalyticsQueries
{
    private readonly AnalyticsSql sql = new(provider);

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Statements are constants of AnalyticsSql; the query name only selects one.")]
    public async Task<AnalyticsResult> RunAsync(string name, CancellationToken cancellationToken)
    {
        if (!sql.TryGet(name, out var statement))
        {
            throw AnalyticsRules.UnknownQuery(name);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = statement.Sql;
        if (statement.Window is { } window)
        {
            AddParameter(command, AnalyticsSql.WindowStart, window.Start);
            AddParameter(command, AnalyticsSql.WindowEnd, window.End);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<IReadOnlyList<object?>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = Normalize(reader.GetValue(i));
            }

            rows.Add(row);
        }

        return new AnalyticsResult(name, columns, rows);
    }

    /// <summary>The nine one after the other, each statement on its own (not one snapshot).</summary>
    public async Task<IReadOnlyList<AnalyticsResult>> RunAllAsync(CancellationToken cancellationToken)
    {
        var results = new List<AnalyticsResult>(AnalyticsQuery.All.Count);
        foreach (var name in AnalyticsQuery.All)
        {
            results.Add(await RunAsync(name, cancellationToken));
        }

        return results;
    }

    private static void AddParameter(DbCommand command, string name, DateTime value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    // Results hold strings, longs and nulls only, whatever integer width the engine returns.
    private static object? Normalize(object value) => value switch
    {
        DBNull => null,
        string text => text,
        long number => number,
        int or short or byte or decimal => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"Unexpected analytics value type {value.GetType().Name}."),
    };
}
