namespace Pinterest.Modular.Infrastructure.Embedded;

/// <summary>Another process (or another instance in this one) already writes the log file.</summary>
public sealed class LogLockedException(string message, Exception? inner = null) : IOException(message, inner);
