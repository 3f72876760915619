namespace Pinterest.Modular.Domain.Pins;

/// <summary>
/// A pin as it arrives: each field is the text of the value on the wire (a JSON number as its digits,
/// a string as itself), or null when the field was missing or JSON null.
/// </summary>
public sealed record RawPin(
    string? Index,
    string? UniqueId,
    string? Title,
    string? Description,
    string? PosterName,
    string? FollowerCount,
    string? TagList,
    string? IsImageOrVideo,
    string? ImageSrc,
    string? Downloaded,
    string? SaveLocation,
    string? Category);
