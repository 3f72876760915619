namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>A row of <c>pinterest_data</c>, columns in table order.</summary>
public sealed record SourcePinRow(
    long Index,
    string UniqueId,
    string Title,
    string Description,
    string PosterName,
    string FollowerCount,
    string TagList,
    string IsImageOrVideo,
    string ImageSrc,
    int Downloaded,
    string SaveLocation,
    string Category);
