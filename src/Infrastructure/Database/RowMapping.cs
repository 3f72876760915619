using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;
using Pinterest.Modular.Infrastructure.Database.Rows;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>Domain records to parameter values (in <see cref="WarehouseTables"/> column order) and rows back to records.</summary>
internal static class RowMapping
{
    public static void Fill(object?[] values, Pin pin)
    {
        values[0] = pin.Ind;
        values[1] = pin.UniqueId;
        values[2] = pin.Title;
        values[3] = pin.Description;
        values[4] = pin.FollowerCount;
        values[5] = pin.PosterName;
        values[6] = pin.TagList;
        values[7] = pin.IsImageOrVideo;
        values[8] = pin.ImageSrc;
        values[9] = pin.SaveLocation;
        values[10] = pin.Category;
    }

    public static void Fill(object?[] values, GeoLocation geo)
    {
        values[0] = geo.Ind;
        values[1] = geo.Country;
        values[2] = geo.Coordinates?.Latitude;
        values[3] = geo.Coordinates?.Longitude;
        values[4] = geo.Timestamp is { } timestamp ? UtcTimestamps.ToStored(timestamp) : null;
    }

    public static void Fill(object?[] values, User user)
    {
        values[0] = user.Ind;
        values[1] = user.UserName;
        values[2] = user.Age;
        values[3] = user.DateJoined is { } joined ? UtcTimestamps.ToStored(joined) : null;
    }

    public static void Fill(object?[] values, RejectedRecord rejected)
    {
        values[0] = rejected.Kind.Name();
        values[1] = rejected.Source;
        values[2] = rejected.Reason;
        values[3] = rejected.RawJson;
        values[4] = UtcTimestamps.ToStored(rejected.RejectedAt);
    }

    public static void Fill(object?[] values, ProgressMark mark, DateTime updatedAt)
    {
        values[0] = mark.Scope;
        values[1] = mark.Key;
        values[2] = mark.Value;
        values[3] = updatedAt;
    }

    public static Pin ToPin(PinRow row) => new(
        row.Ind, row.UniqueId, row.Title, row.Description, row.FollowerCount, row.PosterName,
        row.TagList, row.IsImageOrVideo, row.ImageSrc, row.SaveLocation, row.Category);

    public static GeoLocation ToGeo(GeoRow row) => new(
        row.Ind,
        row.Country,
        row is { Latitude: { } latitude, Longitude: { } longitude } ? new Coordinates(latitude, longitude) : null,
        row.Timestamp);

    public static User ToUser(UserRow row) => new(row.Ind, row.UserName, row.Age, row.DateJoined);

    public static RejectedRecord ToRejected(RejectedRecordRow row) => new(
        RecordKinds.TryParse(row.Kind, out var kind)
            ? kind
            : throw new InvalidOperationException($"Rejected record {row.Id} has an unknown kind '{row.Kind}'."),
        row.Source,
        row.Reason,
        row.RawJson,
        UtcTimestamps.ToOffset(row.RejectedAt));

    public static BatchRun ToBatchRun(BatchRunRow row) => new(
        row.Id,
        row.Trigger,
        row.Status,
        UtcTimestamps.ToOffset(row.QueuedAt),
        UtcTimestamps.ToOffset(row.StartedAt),
        UtcTimestamps.ToOffset(row.FinishedAt),
        row.ObjectsRead,
        row.RowsUpserted,
        row.Rejected,
        row.Error) { Host = row.Host };
}
