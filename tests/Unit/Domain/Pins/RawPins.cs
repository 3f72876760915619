using Pinterest.Modular.Domain.Pins;

namespace Pinterest.Modular.Tests.Unit.Domain.Pins;

/// <summary>Sample raw pins, and access to their text columns by source name, for table-driven tests.</summary>
internal static class RawPins
{
    public static RawPin Valid { get; } = new(
        Index: "2863",
        UniqueId: "9bf39437-42a6-4f02-99a0-9a0383d8cd70",
        Title: "25 Super Fun Summer Crafts for Kids",
        Description: "Keep the kids busy this summer with these easy diy crafts and projects…",
        PosterName: "Super Simple",
        FollowerCount: "124k",
        TagList: "Summer Crafts For Kids,Fun Crafts For Kids,Summer Kids",
        IsImageOrVideo: "image",
        ImageSrc: "https://i.pinimg.com/originals/b3/bc/e2/b3bce2964e8c8975387b39fb3d2cc4f5.jpg",
        Downloaded: "1",
        SaveLocation: "Local save in /data/diy-and-crafts",
        Category: "diy-and-crafts");

    /// <summary>Every text column that survives cleaning, by its source name.</summary>
    public static IReadOnlyList<string> TextColumnNames { get; } =
    [
        "unique_id", "title", "description", "poster_name", "tag_list", "is_image_or_video", "image_src",
        "save_location", "category",
    ];

    public static TheoryData<string> TextColumns => new(TextColumnNames);

    public static RawPin With(string column, string? value) => column switch
    {
        "index" => Valid with { Index = value },
        "unique_id" => Valid with { UniqueId = value },
        "title" => Valid with { Title = value },
        "description" => Valid with { Description = value },
        "poster_name" => Valid with { PosterName = value },
        "follower_count" => Valid with { FollowerCount = value },
        "tag_list" => Valid with { TagList = value },
        "is_image_or_video" => Valid with { IsImageOrVideo = value },
        "image_src" => Valid with { ImageSrc = value },
        "downloaded" => Valid with { Downloaded = value },
        "save_location" => Valid with { SaveLocation = value },
        "category" => Valid with { Category = value },
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "Not a pin column."),
    };

    public static string? TextOf(Pin pin, string column) => column switch
    {
        "unique_id" => pin.UniqueId,
        "title" => pin.Title,
        "description" => pin.Description,
        "poster_name" => pin.PosterName,
        "tag_list" => pin.TagList,
        "is_image_or_video" => pin.IsImageOrVideo,
        "image_src" => pin.ImageSrc,
        "save_location" => pin.SaveLocation,
        "category" => pin.Category,
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "Not a text column of a cleaned pin."),
    };
}
