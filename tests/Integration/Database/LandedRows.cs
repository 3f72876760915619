namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>
/// A few rows of each kind landed in a data directory as the S3 sink lays them out (one object per topic and start
/// offset), for the CLI tests that run <c>batch</c> on one engine and on SQLite and compare.
/// </summary>
internal static class LandedRows
{
    public static void Land(string dataDir, string kind, int startOffset, params string[] rows)
    {
        var topic = $"pinterest.{kind}";
        var folder = Path.Combine(dataDir, "landing", "topics", topic, "partition=0");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"{topic}+0+{startOffset:D10}.json"), string.Join('\n', rows) + "\n");
    }

    public static string Pin(int ind, string category, string followers) =>
        $$"""{"index":{{ind}},"unique_id":"00000000-0000-0000-0000-00000000000{{ind}}","title":"t","description":"d","poster_name":"p{{ind}}","follower_count":"{{followers}}","tag_list":"a,b","is_image_or_video":"image","image_src":"https://i.pinimg.com/originals/aa/bb/cc/x.jpg","downloaded":1,"save_location":"Local save in /data/{{category}}","category":"{{category}}"}""";

    public static string Geo(int ind, string country) =>
        $$"""{"ind":{{ind}},"timestamp":"2019-0{{ind}}-01 10:00:00","latitude":10.5,"longitude":-20.25,"country":"{{country}}"}""";

    public static string User(int ind, int age) =>
        $$"""{"ind":{{ind}},"first_name":"Ann","last_name":"Lee","age":{{age}},"date_joined":"2016-01-0{{ind}} 08:00:00"}""";
}
