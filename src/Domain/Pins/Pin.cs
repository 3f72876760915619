namespace Pinterest.Modular.Domain.Pins;

/// <summary>A cleaned pin, with exactly the columns of spec §3 in order.</summary>
public sealed record Pin(
    long Ind,
    string? UniqueId,
    string? Title,
    string? Description,
    long? FollowerCount,
    string? PosterName,
    string? TagList,
    string? IsImageOrVideo,
    string? ImageSrc,
    string? SaveLocation,
    string? Category)
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "ind", "unique_id", "title", "description", "follower_count", "poster_name",
        "tag_list", "is_image_or_video", "image_src", "save_location", "category",
    ];
}
