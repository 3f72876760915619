using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Application.Kinds;

/// <summary>
/// The record kinds this host carries, in the order they were registered (pin, geo, user, then any a feature adds):
/// routes, writers, endpoints and stats loop over them.
/// </summary>
public sealed class RecordKindRegistry
{
    private readonly Dictionary<RecordKind, RecordKindDescription> _byKind = [];

    public RecordKindRegistry(IEnumerable<RecordKindDescription> descriptions)
    {
        ArgumentNullException.ThrowIfNull(descriptions);
        var all = new List<RecordKindDescription>();
        foreach (var description in descriptions)
        {
            Check(all, description);
            all.Add(description);
            _byKind.Add(description.Kind, description);
        }

        All = all;
        Kinds = [.. all.Select(description => description.Kind)];
    }

    public IReadOnlyList<RecordKindDescription> All { get; }

    public IReadOnlyList<RecordKind> Kinds { get; }

    /// <summary>The kinds' names for a message: <c>pin, geo or user</c>.</summary>
    public string NamesForMessage => Kinds.Count switch
    {
        0 => "(none)",
        1 => Kinds[0].Name,
        _ => string.Join(", ", Kinds.Take(Kinds.Count - 1).Select(kind => kind.Name)) + " or " + Kinds[^1].Name,
    };

    public RecordKindDescription Get(RecordKind kind) =>
        _byKind.TryGetValue(kind, out var description)
            ? description
            : throw new InvalidOperationException($"No record kind '{kind}' is registered; the host knows {NamesForMessage}.");

    /// <summary>A registered kind by name, ignoring case.</summary>
    public bool TryFind(string? name, out RecordKindDescription description)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Kind.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                description = candidate;
                return true;
            }
        }

        description = null!;
        return false;
    }

    private static void Check(List<RecordKindDescription> registered, RecordKindDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        foreach (var other in registered)
        {
            if (other.Kind == description.Kind
                || string.Equals(other.Warehouse.Name, description.Warehouse.Name, StringComparison.Ordinal)
                || string.Equals(other.RowPath, description.RowPath, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Record kind '{description.Kind}' (table '{description.Warehouse.Name}', /api/{description.RowPath}) clashes with "
                    + $"kind '{other.Kind}' (table '{other.Warehouse.Name}', /api/{other.RowPath}): kinds, tables and row paths must be unique.");
            }
        }
    }
}

/// <summary>Registers record kinds: the host then routes, cleans, stores and serves them.</summary>
public static class RecordKindRegistration
{
    /// <summary>Pin, geo and user, and the registry; once, whichever layer's registration asks first.</summary>
    public static IServiceCollection AddBuiltInRecordKinds(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var kind in BuiltInKinds.All)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<RecordKindDescription>(kind));
        }

        services.TryAddSingleton<RecordKindRegistry>();
        return services;
    }

    /// <summary>One more kind (after the built-in ones).</summary>
    public static IServiceCollection AddRecordKind(this IServiceCollection services, RecordKindDescription description)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(description);
        services.AddBuiltInRecordKinds().AddSingleton(description);
        return services;
    }
}
