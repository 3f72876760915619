namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>Collapses items that repeat a key, keeping the order of the rest; a list without repeats comes back as is.</summary>
internal static class UniqueKeys
{
    public static IReadOnlyList<T> KeepLast<T, TKey>(IReadOnlyList<T> items, Func<T, TKey> key)
        where TKey : notnull => Collapse(items, key, keepLast: true);

    public static IReadOnlyList<T> KeepFirst<T, TKey>(IReadOnlyList<T> items, Func<T, TKey> key)
        where TKey : notnull => Collapse(items, key, keepLast: false);

    private static IReadOnlyList<T> Collapse<T, TKey>(IReadOnlyList<T> items, Func<T, TKey> key, bool keepLast)
        where TKey : notnull
    {
        var kept = new Dictionary<TKey, (int Position, T Item)>(items.Count);
        var position = 0;
        foreach (var item in items)
        {
            var itemKey = key(item);
            if (keepLast || !kept.ContainsKey(itemKey))
            {
                kept[itemKey] = (position, item);
            }

            position++;
        }

        return kept.Count == items.Count ? items : [.. kept.Values.OrderBy(entry => entry.Position).Select(entry => entry.Item)];
    }
}
