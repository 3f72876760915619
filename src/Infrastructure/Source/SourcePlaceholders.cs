namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>The placeholder texts the real source data holds where the scraper found nothing (spec §1 and §3).</summary>
public static class SourcePlaceholders
{
    public const string Title = "No Title Data Available";
    public const string StoryDescription = "No description available Story format";
    public const string Description = "No description available";
    public const string UntitledDescription = "Untitled";
    public const string UserInfo = "User Info Error";
    public const string TagList = "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e";
    public const string ImageSrc = "Image src error.";
}
