using System.Data.Common;
using FluentValidation;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Pinterest.Modular.Host.Cli;

/// <summary>Runs a verb's body and turns what went wrong into a clear message on stderr and a non-zero exit code.</summary>
public static class CliRun
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    public static IAnsiConsole Error { get; } = CreateErrorConsole();

    public static async Task<int> GuardAsync(Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body();
        }
        catch (OptionsValidationException ex)
        {
            return Fail("configuration", string.Join(Environment.NewLine, ex.Failures.Select(ConfigurationMessage)), BadInput);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            // Start-up validation of several options at once; one bad key can fail each options class that reads it.
            var failures = ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).Select(ConfigurationMessage).Distinct();
            return Fail("configuration", string.Join(Environment.NewLine, failures), BadInput);
        }
        catch (ValidationException ex)
        {
            return Fail("invalid input", ex.Message, BadInput);
        }
        catch (ArgumentException ex)
        {
            return Fail("invalid input", ex.Message, BadInput);
        }
        catch (OperationCanceledException)
        {
            return Fail("cancelled", "stopped before it finished.", Failed);
        }
        catch (DbException ex)
        {
            // A warehouse or source file that is not a database, locked or full: the provider's message says which.
            return Fail("database", ex.Message, Failed);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return Fail("error", ex.Message, Failed);
        }
    }

    public static int Fail(string what, string message, int code)
    {
        Error.MarkupLineInterpolated($"[red]{what}:[/] {message}");
        return code;
    }

    /// <summary>Data-annotation failures wrap our message (which names the key) in boilerplate; keep just the message.</summary>
    private static string ConfigurationMessage(string failure)
    {
        const string marker = "with the error: '";
        var start = failure.IndexOf(marker, StringComparison.Ordinal);
        return start < 0 ? failure : failure[(start + marker.Length)..].TrimEnd('.').TrimEnd('\'');
    }

    private static IAnsiConsole CreateErrorConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Ansi = Console.IsErrorRedirected ? AnsiSupport.No : AnsiSupport.Detect,
        });
        if (Console.IsErrorRedirected)
        {
            console.Profile.Width = 1000; // a log or a pipe: do not wrap messages at 80 columns
        }

        return console;
    }
}
