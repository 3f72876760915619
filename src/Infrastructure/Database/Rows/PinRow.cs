namespace Pinterest.Modular.Infrastructure.Database.Rows;

/// <summary>Table <c>pins</c>: the cleaned pin columns of spec §3, keyed by <c>ind</c>.</summary>
public sealed class PinRow
{
    public long Ind { get; set; }

    public string? UniqueId { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public long? FollowerCount { get; set; }

    public string? PosterName { get; set; }

    public string? TagList { get; set; }

    public string? IsImageOrVideo { get; set; }

    public string? ImageSrc { get; set; }

    public string? SaveLocation { get; set; }

    public string? Category { get; set; }
}
