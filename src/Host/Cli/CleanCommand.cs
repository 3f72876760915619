using System.CommandLine;
using System.Text;
using System.Text.Json;
using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Domain.Common;
using Spectre.Console;

namespace Pinterest.Modular.Host.Cli;

/// <summary>
/// <c>clean --kind pin|geo|user [--in PATH|-] [--out PATH|-] [--rejects PATH]</c>: JSON lines of raw rows in, cleaned rows
/// out (the spec's columns in order), each rejected row as <c>{"line":N,"reason":"...","record":...}</c>.
/// </summary>
public static class CleanCommand
{
    public static Command Create()
    {
        var kind = new Option<string>("--kind") { Description = "pin, geo or user.", Required = true };
        var input = new Option<string>("--in") { Description = "JSON lines to clean, or - for stdin.", DefaultValueFactory = _ => "-" };
        var output = new Option<string>("--out") { Description = "Where cleaned rows go, or - for stdout.", DefaultValueFactory = _ => "-" };
        var rejects = new Option<string?>("--rejects") { Description = "Where rejected rows go (default stderr)." };
        var command = new Command("clean", "Clean raw rows (JSON lines) with the pipeline's rules, without storing them.")
        {
            kind, input, output, rejects,
        };
        command.SetAction((result, cancellationToken) => CliRun.GuardAsync(async () =>
        {
            var kindName = result.GetValue(kind);
            if (!RecordKinds.TryParse(kindName, out var recordKind))
            {
                throw new ArgumentException($"--kind '{kindName}' is not a record kind; use pin, geo or user.");
            }

            var inPath = result.GetValue(input) ?? "-";
            var outPath = result.GetValue(output) ?? "-";
            var rejectsPath = result.GetValue(rejects);
            if (inPath != "-" && !File.Exists(inPath))
            {
                throw new IOException($"--in {inPath}: no such file.");
            }

            using var reader = inPath == "-" ? new StreamReader(Console.OpenStandardInput(), Encoding.UTF8) : new StreamReader(inPath, Encoding.UTF8);
            await using var cleaned = Open(outPath, Console.OpenStandardOutput);
            await using var rejected = Open(rejectsPath ?? "-", Console.OpenStandardError);
            var counts = await CleanLinesAsync(recordKind, reader, cleaned, rejected, cancellationToken);
            if (rejectsPath is not null || outPath != "-")
            {
                CliRun.Error.MarkupLineInterpolated($"Cleaned {counts.Cleaned:N0} rows, rejected {counts.Rejected:N0}, from {counts.Lines:N0} lines.");
            }

            return CliRun.Ok;
        }));
        return command;
    }

    public sealed record CleanCounts(long Lines, long Cleaned, long Rejected);

    public static async Task<CleanCounts> CleanLinesAsync(RecordKind kind, TextReader input, Stream cleaned, Stream rejected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var cleanedWriter = new Utf8JsonWriter(cleaned, CleanedRowJson.WriterOptions);
        await using var rejectedWriter = new Utf8JsonWriter(rejected, CleanedRowJson.WriterOptions);
        long line = 0, cleanedRows = 0, rejectedRows = 0;
        while (await input.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var outcome = RecordCleaner.Clean(kind, Encoding.UTF8.GetBytes(text));
            foreach (var row in outcome.Cleaned)
            {
                CleanedRowJson.Write(cleanedWriter, row.Row);
                await EndLineAsync(cleanedWriter, cleaned, cancellationToken);
                cleanedRows++;
            }

            foreach (var row in outcome.Rejected)
            {
                rejectedWriter.WriteStartObject();
                rejectedWriter.WriteNumber("line", line);
                rejectedWriter.WriteString("reason", row.Reason);
                rejectedWriter.WritePropertyName("record");
                WriteRecord(rejectedWriter, row.RawJson);
                rejectedWriter.WriteEndObject();
                await EndLineAsync(rejectedWriter, rejected, cancellationToken);
                rejectedRows++;
            }
        }

        await cleaned.FlushAsync(cancellationToken);
        await rejected.FlushAsync(cancellationToken);
        return new CleanCounts(line, cleanedRows, rejectedRows);
    }

    /// <summary>The rejected row as JSON when it is JSON, else as the string it was.</summary>
    private static void WriteRecord(Utf8JsonWriter writer, string raw)
    {
        try
        {
            using var document = JsonDocument.Parse(raw);
            document.RootElement.WriteTo(writer);
        }
        catch (JsonException)
        {
            writer.WriteStringValue(raw);
        }
    }

    private static async Task EndLineAsync(Utf8JsonWriter writer, Stream stream, CancellationToken cancellationToken)
    {
        await writer.FlushAsync(cancellationToken);
        stream.WriteByte((byte)'\n');
        writer.Reset();
    }

    private static Stream Open(string path, Func<Stream> standard) =>
        path == "-" ? new BufferedStream(standard(), 1 << 16) : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
}
