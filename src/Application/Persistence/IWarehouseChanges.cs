namespace Pinterest.Modular.Application.Persistence;

/// <summary>
/// The warehouse's change counter: a number that goes up whenever rows of <c>pins</c>, <c>geo</c> or <c>users</c> are
/// stored, by this host or any other sharing the database. Equal numbers mean the analysed tables did not change.
/// </summary>
public interface IWarehouseChanges
{
    /// <summary>One cheap read (three small rows).</summary>
    Task<long> ReadAsync(CancellationToken cancellationToken);
}
