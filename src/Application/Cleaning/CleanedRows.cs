using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;

namespace Pinterest.Modular.Application.Cleaning;

/// <summary>
/// Collects cleaned rows into a batch, one row per <c>ind</c> and table: the last row of an <c>ind</c> wins, as
/// successive upserts would have it.
/// </summary>
public sealed class CleanedRows
{
    private readonly Dictionary<long, Pin> _pins = [];
    private readonly Dictionary<long, GeoLocation> _geos = [];
    private readonly Dictionary<long, User> _users = [];

    public void Add(CleanOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        foreach (var cleaned in outcome.Cleaned)
        {
            switch (cleaned.Row)
            {
                case Pin pin:
                    _pins[pin.Ind] = pin;
                    break;
                case GeoLocation geo:
                    _geos[geo.Ind] = geo;
                    break;
                case User user:
                    _users[user.Ind] = user;
                    break;
            }
        }
    }

    public CleanedBatch ToBatch(IReadOnlyList<RejectedRecord> rejected) =>
        new([.. _pins.Values], [.. _geos.Values], [.. _users.Values], rejected);
}
