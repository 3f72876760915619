namespace Pinterest.Modular.Infrastructure.Database.Rows;

/// <summary>
/// Table <c>warehouse_change_keys</c>: the posting events (<c>ind</c>) whose rows of <c>pins</c>, <c>geo</c> or
/// <c>users</c> a persist stored, under the persist's number (<c>version</c>, counter <c>change_keys</c> of
/// <c>warehouse_changes</c>); a null <c>ind</c> says the persist was too large to list (read everything again). No key:
/// rows are only added, and trimmed by version (see <see cref="ChangedKeys"/>).
/// </summary>
public sealed class WarehouseChangedKeyRow
{
    public long Version { get; set; }

    public long? Ind { get; set; }
}
