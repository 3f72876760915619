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

    public static IAnsiConsole Error { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Console.Error),
    });

    public static async Task<int> GuardAsync(Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body();
        }
        catch (OptionsValidationException ex)
        {
            return Fail("configuration", string.Join(Environment.NewLine, ex.Failures), BadInput);
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
}
