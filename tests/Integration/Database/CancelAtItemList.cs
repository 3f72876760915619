using System.Collections;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>A list that cancels a token when its enumeration reaches one item: a cancellation in the middle of a batch.</summary>
internal sealed class CancelAtItemList<T>(IReadOnlyList<T> items, int cancelAt, CancellationTokenSource source) : IReadOnlyList<T>
{
    public int Count => items.Count;

    public T this[int index] => items[index];

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i == cancelAt)
            {
                source.Cancel();
            }

            yield return items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
