using Pinterest.Modular.Host.Cli;

return await CliApp.Create().Parse(args).InvokeAsync();
