using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Application.Kinds;

/// <summary>The kinds of a posting event (pin, geo, user), registered by every host.</summary>
public static class BuiltInKinds
{
    public static IReadOnlyList<RecordKindDescription> All { get; } = [PinKind.Instance, GeoKind.Instance, UserKind.Instance];

    /// <summary>The built-in description of <paramref name="kind"/>, for callers without a registry (the <c>clean</c> CLI, tests).</summary>
    public static RecordKindDescription Of(RecordKind kind) =>
        All.FirstOrDefault(description => description.Kind == kind)
        ?? throw new ArgumentException($"'{kind}' is not a built-in record kind; look it up in the host's RecordKindRegistry.", nameof(kind));

    /// <summary>The built-in description whose cleaned rows are of <paramref name="rowType"/>, or null.</summary>
    public static RecordKindDescription? ForRowType(Type rowType) =>
        All.FirstOrDefault(description => description.RowType == rowType);
}
