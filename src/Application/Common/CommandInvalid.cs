namespace Pinterest.Modular.Application.Common;

/// <summary>One thing wrong with a command's input, and where: a path such as <c>records[3].value.index</c>.</summary>
public sealed record InputError(string Path, string Message);

/// <summary>The answer to a command whose input failed validation; nothing of it was carried out.</summary>
public sealed record CommandInvalid(IReadOnlyList<InputError> Errors);
