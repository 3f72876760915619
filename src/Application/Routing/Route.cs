namespace Pinterest.Modular.Application.Routing;

/// <summary>
/// The two routings of the same records: <see cref="Batch"/> (topic → landing zone → batch job) and
/// <see cref="Stream"/> (stream → clean → persist as records arrive).
/// </summary>
public enum Route
{
    Batch,
    Stream,
}
