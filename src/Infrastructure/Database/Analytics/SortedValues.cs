namespace Pinterest.Modular.Infrastructure.Database.Analytics;

/// <summary>
/// A multiset of numbers kept in ascending order, so a value goes in or out by binary search and the highest and the
/// lower median are read by index. Filled in any order first (<see cref="Append"/>), then sorted once (<see cref="Seal"/>).
/// </summary>
internal sealed class SortedValues
{
    private readonly List<long> values = [];
    private bool sealedInOrder;

    /// <param name="filling">True to <see cref="Append"/> first; false to start sealed (empty, so in order).</param>
    public SortedValues(bool filling) => sealedInOrder = !filling;

    public int Count => values.Count;

    public long Highest => values[^1];

    /// <summary>The value at (n + 1) / 2 in ascending order.</summary>
    public long LowerMedian => values[(values.Count - 1) / 2];

    /// <summary>While filling, before <see cref="Seal"/>: no order kept yet.</summary>
    public void Append(long value)
    {
        if (sealedInOrder)
        {
            throw new InvalidOperationException("values are appended only before they are sealed in order");
        }

        values.Add(value);
    }

    public void Seal()
    {
        if (!sealedInOrder)
        {
            values.Sort();
            sealedInOrder = true;
        }
    }

    public void Add(long value)
    {
        var at = IndexOf(value);
        values.Insert(at < 0 ? ~at : at, value);
    }

    public void Remove(long value)
    {
        var at = IndexOf(value);
        if (at < 0)
        {
            throw new InvalidOperationException($"the value {value} is not held, so it cannot be removed");
        }

        values.RemoveAt(at);
    }

    private int IndexOf(long value)
    {
        if (!sealedInOrder)
        {
            throw new InvalidOperationException("values change one at a time only once sealed in order");
        }

        return values.BinarySearch(value);
    }
}
