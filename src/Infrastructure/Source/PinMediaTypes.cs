namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>The three values of <c>is_image_or_video</c>.</summary>
public static class PinMediaTypes
{
    public const string Image = "image";
    public const string Video = "video";
    public const string Story = "multi-video(story page format)";
}
