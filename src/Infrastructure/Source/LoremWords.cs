using Bogus;

namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>
/// Lorem ipsum text from Bogus's English word list, drawn with the caller's randomizer. Bogus's own Lorem looks the
/// list up on every word, which made generating the default data set several times slower.
/// </summary>
internal sealed class LoremWords(Randomizer random)
{
    private static readonly Lazy<string[]> Words = new(() =>
    {
        var list = (Bogus.Bson.BArray)Bogus.Database.Get("lorem", "words", "en");
        return Enumerable.Range(0, list.Count).Select(i => list[i].StringValue).ToArray();
    });

    public string Word() => Words.Value[random.Int(0, Words.Value.Length - 1)];

    /// <summary>Capitalised words joined by spaces, with no final stop.</summary>
    public string Phrase(int words)
    {
        var text = string.Join(' ', Enumerable.Range(0, words).Select(_ => Word()));
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    public string Sentences(int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => Phrase(random.Int(4, 12)) + "."));
}
