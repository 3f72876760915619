using Pinterest.Modular.Host.Cli;
using Spectre.Console;

var parsed = CliApp.Create().Parse(args);
if (parsed.Errors.Count > 0)
{
    // A usage mistake (unknown option, a word where a number goes) is bad input, as the verbs' own checks say: exit 2.
    foreach (var error in parsed.Errors)
    {
        CliRun.Error.WriteLine(error.Message);
    }

    CliRun.Error.WriteLine("Run with --help to see the verbs and their options.");
    return CliRun.BadInput;
}

return await parsed.InvokeAsync();
