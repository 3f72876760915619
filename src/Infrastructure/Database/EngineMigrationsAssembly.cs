using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// The migrations of one engine: the migration classes (and the model snapshot) in one namespace of this assembly.
/// Each engine has its own set because column types differ; EF Core's default would take every migration of the
/// context in the assembly and mix the sets. The SQLite set sits in <c>Database/Migrations</c>, each other engine's in
/// <c>Database/Migrations/&lt;Engine&gt;</c>.
/// </summary>
internal abstract class EngineMigrationsAssembly : IMigrationsAssembly
{
    private readonly Type contextType;
    private readonly string migrationsNamespace;
    private readonly Lazy<IReadOnlyDictionary<string, TypeInfo>> migrations;
    private readonly Lazy<ModelSnapshot?> snapshot;

    protected EngineMigrationsAssembly(ICurrentDbContext currentContext, string migrationsNamespace)
    {
        ArgumentNullException.ThrowIfNull(currentContext);
        contextType = currentContext.Context.GetType();
        this.migrationsNamespace = migrationsNamespace;
        migrations = new(FindMigrations);
        snapshot = new(FindSnapshot);
    }

    public Assembly Assembly => typeof(EngineMigrationsAssembly).Assembly;

    public IReadOnlyDictionary<string, TypeInfo> Migrations => migrations.Value;

    public ModelSnapshot? ModelSnapshot => snapshot.Value;

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys.FirstOrDefault(id =>
            string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
            || string.Equals(NameOf(id), nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        ArgumentNullException.ThrowIfNull(migrationClass);
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    // An id is "<14-digit timestamp>_<Name>".
    private static string NameOf(string id) => id.Length > 15 && id[14] == '_' ? id[15..] : id;

    private IEnumerable<TypeInfo> OwnTypes() =>
        Assembly.DefinedTypes.Where(type =>
            !type.IsAbstract
            && string.Equals(type.Namespace, migrationsNamespace, StringComparison.Ordinal)
            && type.GetCustomAttribute<DbContextAttribute>()?.ContextType == contextType);

    private SortedList<string, TypeInfo> FindMigrations()
    {
        var found = new SortedList<string, TypeInfo>(StringComparer.Ordinal);
        foreach (var type in OwnTypes().Where(type => type.IsSubclassOf(typeof(Migration))))
        {
            if (type.GetCustomAttribute<MigrationAttribute>()?.Id is { } id)
            {
                found.Add(id, type);
            }
        }

        return found;
    }

    private ModelSnapshot? FindSnapshot() =>
        OwnTypes()
            .Where(type => type.IsSubclassOf(typeof(ModelSnapshot)))
            .Select(type => (ModelSnapshot)Activator.CreateInstance(type.AsType())!)
            .FirstOrDefault();
}
