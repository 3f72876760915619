using System.Globalization;
using System.Text.Json;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Host.Api.Operations;
using Spectre.Console;

namespace Pinterest.Modular.Host.Cli;

public enum RunListFormat
{
    Table,
    Json,
}

/// <summary>Batch runs as a table, or as a JSON array of the objects <c>GET /api/jobs/batch</c> answers with.</summary>
public static class RunListWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(TextWriter output, IReadOnlyList<BatchRun> runs, RunListFormat format)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(runs);
        if (format == RunListFormat.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(runs.Select(BatchRunResponse.From).ToList(), Indented));
            return;
        }

        var redirected = output != Console.Out || Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
        });
        if (redirected)
        {
            console.Profile.Width = 240; // a file or a pipe: one line per run
        }

        var table = new Table().Title("batch runs (UTC)").Border(TableBorder.Rounded);
        foreach (var column in new[] { "id", "trigger", "status", "queued", "started", "finished", "took", "objects", "rows", "rejected", "host", "error" })
        {
            table.AddColumn(new TableColumn(column));
        }

        foreach (var run in runs)
        {
            table.AddRow(
                Number(run.Id),
                Markup.Escape(run.Trigger),
                BatchRunResponse.StatusName(run.Status),
                Time(run.QueuedAt),
                Time(run.StartedAt),
                Time(run.FinishedAt),
                run is { StartedAt: { } started, FinishedAt: { } finished } ? string.Create(CultureInfo.InvariantCulture, $"{(finished - started).TotalSeconds:F1} s") : "",
                Number(run.ObjectsRead),
                Number(run.RowsUpserted),
                Number(run.Rejected),
                Markup.Escape(run.Host ?? ""),
                Markup.Escape(run.Error ?? ""));
        }

        if (runs.Count == 0)
        {
            table.Caption("(no runs yet)");
        }

        console.Write(table);
    }

    private static string Time(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
