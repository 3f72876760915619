using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Source;

namespace Pinterest.Modular.Tests.Integration.Source;

internal static class SourceDatabaseFactory
{
    public static SqliteSourceDatabase Create(string dataDir) =>
        new(Options.Create(new PipelineOptions { DataDir = dataDir }));
}
