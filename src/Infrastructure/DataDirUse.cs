using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Database;
using Pinterest.Modular.Infrastructure.ObjectStore;
using Pinterest.Modular.Infrastructure.Transports;

namespace Pinterest.Modular.Infrastructure;

/// <summary>
/// What keeps state under <c>Pipeline:DataDir</c> with this configuration: the embedded topics or streams, the landing
/// zone as files, a SQLite warehouse. Nothing when all state is external (Kafka, Kinesis, S3, PostgreSQL), so the
/// readiness check leaves the directory alone then.
/// </summary>
public sealed class DataDirUse(IOptions<PipelineOptions> pipeline, IOptions<ObjectStoreOptions> objectStore, DatabaseProvider database)
{
    public IReadOnlyList<string> Users
    {
        get
        {
            var users = new List<string>();
            foreach (var (route, name) in new[] { (Route.Batch, pipeline.Value.BatchTransport), (Route.Stream, pipeline.Value.StreamTransport) })
            {
                if (RouteTransports.Find(route, name)?.DataDirState is { } state)
                {
                    users.Add(state);
                }
            }

            if (!objectStore.Value.IsS3)
            {
                users.Add("landing files");
            }

            if (database.Name == DatabaseProvider.Sqlite)
            {
                users.Add("SQLite warehouse");
            }

            return users;
        }
    }

    public bool InUse => Users.Count > 0;
}
