namespace Pinterest.Modular.Application.Common;

/// <summary>Where long-running work reports how far it has got (a progress bar on the CLI; nothing in the server).</summary>
public interface IProgressReporter
{
    void Report(string stage, long done, long? total);
}

public sealed class NoProgressReporter : IProgressReporter
{
    public void Report(string stage, long done, long? total)
    {
    }
}
