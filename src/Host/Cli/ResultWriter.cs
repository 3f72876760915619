using System.Globalization;
using System.Text;
using System.Text.Json;
using Pinterest.Modular.Application.Analytics;
using Spectre.Console;

namespace Pinterest.Modular.Host.Cli;

public enum ResultFormat
{
    Table,
    Json,
    Csv,
}

/// <summary>Writes analytics results as tables, one JSON object keyed by query name, or CSV sections.</summary>
public static class ResultWriter
{
    public static void Write(TextWriter output, IReadOnlyList<AnalyticsResult> results, ResultFormat format)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(results);
        switch (format)
        {
            case ResultFormat.Json:
                output.WriteLine(ToJson(results));
                break;
            case ResultFormat.Csv:
                WriteCsv(output, results);
                break;
            default:
                WriteTables(output, results);
                break;
        }
    }

    /// <summary><c>{"name":[{"column":value,...},...],...}</c> with exactly each query's columns, in order.</summary>
    public static string ToJson(IReadOnlyList<AnalyticsResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            foreach (var result in results)
            {
                json.WritePropertyName(result.Name);
                AnalyticsRowJson.WriteRows(json, result);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteCsv(TextWriter output, IReadOnlyList<AnalyticsResult> results)
    {
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            if (results.Count > 1)
            {
                if (i > 0)
                {
                    output.WriteLine();
                }

                output.WriteLine($"# {result.Name}");
            }

            output.WriteLine(string.Join(',', result.Columns.Select(Csv)));
            foreach (var row in result.Rows)
            {
                output.WriteLine(string.Join(',', row.Select(v => Csv(v is string text ? DefuseFormula(text) : Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty))));
            }
        }
    }

    /// <summary>
    /// A text value a spreadsheet would run as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR)
    /// gets a leading <c>'</c>, as OWASP's CSV injection guidance says; numbers are written as they are.
    /// </summary>
    public static string DefuseFormula(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    private static void WriteTables(TextWriter output, IReadOnlyList<AnalyticsResult> results)
    {
        var redirected = output != Console.Out || Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
        });
        if (redirected)
        {
            console.Profile.Width = 200; // a file or a pipe: room for the longest country names
        }

        foreach (var result in results)
        {
            var table = new Table().Title(result.Name).Border(TableBorder.Rounded);
            foreach (var column in result.Columns)
            {
                table.AddColumn(new TableColumn(Markup.Escape(column)));
            }

            foreach (var row in result.Rows)
            {
                table.AddRow(row.Select(v => Markup.Escape(Convert.ToString(v, CultureInfo.InvariantCulture) ?? "null")).ToArray());
            }

            if (result.Rows.Count == 0)
            {
                table.Caption("(no rows)");
            }

            console.Write(table);
        }
    }
}
