namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>
/// Request bodies byte for byte as the AWS build's posting emulator sent them: Python's <c>json.dumps</c> with its
/// default <c>", "</c> and <c>": "</c> separators, non-ASCII escaped, and <c>default=str</c> datetimes
/// (<c>2020-08-28 03:52:47</c>). The three rows are one posting event (key 2863).
/// </summary>
internal static class EmulatorPayloads
{
    /// <summary>The user id the AWS build used as topic prefix.</summary>
    public const string Prefix = "0eb84f80c29b";

    public const string PinTopic = Prefix + ".pin";
    public const string GeoTopic = Prefix + ".geo";
    public const string UserTopic = Prefix + ".user";
    public const string PinStream = "streaming-" + Prefix + "-pin";
    public const string GeoStream = "streaming-" + Prefix + "-geo";
    public const string UserStream = "streaming-" + Prefix + "-user";

    /// <summary>What the emulator sent to the REST proxy.</summary>
    public const string KafkaJson = "application/vnd.kafka.json.v2+json";

    /// <summary>What the emulator sent to the Kinesis proxy.</summary>
    public const string Json = "application/json";

    public const string Pin =
        """{"index": 2863, "unique_id": "9bf39437-42a6-4f02-99a0-9a0383d8cd70", "title": "25 Super Fun Summer Crafts for Kids - Of Life and Lisa", "description": "Keep the kids busy this summer with these easy diy crafts and projects. Creative and\u2026", "poster_name": "Of Life & Lisa | Lifestyle Blog", "follower_count": "124k", "tag_list": "Summer Crafts For Kids,Fun Crafts For Kids,Summer Kids,Toddler Crafts,Crafts To Do,Diy Crafts,Craft Kids,Creative Crafts,Easy Crafts", "is_image_or_video": "image", "image_src": "https://i.pinimg.com/originals/b3/bc/e2/b3bce2964e8c8975387b39fabed5e8a4.jpg", "downloaded": 1, "save_location": "Local save in /data/diy-and-crafts", "category": "diy-and-crafts"}""";

    public const string Geo =
        """{"ind": 2863, "timestamp": "2020-08-28 03:52:47", "latitude": -5.34445, "longitude": -177.924, "country": "Armenia"}""";

    public const string User =
        """{"ind": 2863, "first_name": "Dylan", "last_name": "Holmes", "age": 32, "date_joined": "2016-10-23 14:06:51"}""";

    /// <summary>Configuration that names the topics and streams as the AWS build did.</summary>
    public static Dictionary<string, string?> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["Pipeline:TopicPrefix"] = Prefix };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static string RowOf(string kind) => kind switch
    {
        "pin" => Pin,
        "geo" => Geo,
        "user" => User,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "pin, geo or user"),
    };

    /// <summary>The REST proxy body: <c>{"records": [{"value": {...}}]}</c>.</summary>
    public static string Produce(params string[] values) =>
        "{\"records\": [" + string.Join(", ", values.Select(v => "{\"value\": " + v + "}")) + "]}";

    /// <summary>The Kinesis proxy PutRecord body: <c>{"StreamName": ..., "Data": {...}, "PartitionKey": ...}</c>.</summary>
    public static string PutRecord(string stream, string data, string partitionKey = "partition-1") =>
        "{\"StreamName\": \"" + stream + "\", \"Data\": " + data + ", \"PartitionKey\": \"" + partitionKey + "\"}";

    /// <summary>The Kinesis proxy PutRecords body: <c>{"records": [{"data": {...}, "partition-key": ...}]}</c>.</summary>
    public static string PutRecords(params string[] data) =>
        "{\"records\": [" + string.Join(", ", data.Select(d => "{\"data\": " + d + ", \"partition-key\": \"partition-1\"}")) + "]}";
}
