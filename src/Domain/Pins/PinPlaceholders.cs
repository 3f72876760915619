namespace Pinterest.Modular.Domain.Pins;

/// <summary>
/// The texts the source scraper wrote where it had no value (spec §3). A column equal to one of its placeholders,
/// after trimming, is null once cleaned.
/// </summary>
public static class PinPlaceholders
{
    public const string Title = "No Title Data Available";

    public const string DescriptionStoryFormat = "No description available Story format";

    public const string Description = "No description available";

    public const string DescriptionUntitled = "Untitled";

    /// <summary>The three a description may hold.</summary>
    internal static readonly string[] Descriptions = [DescriptionStoryFormat, Description, DescriptionUntitled];

    /// <summary>Used for both <c>poster_name</c> and <c>follower_count</c>.</summary>
    public const string UserInfoError = "User Info Error";

    public const string TagList = "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e";

    public const string ImageSrc = "Image src error.";
}
