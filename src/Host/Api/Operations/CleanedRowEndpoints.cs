using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Application.Persistence;

namespace Pinterest.Modular.Host.Api.Operations;

/// <summary>
/// <c>GET /api/pins/{ind}</c>, <c>/api/geo/{ind}</c>, <c>/api/users/{ind}</c>: the cleaned row with the spec's columns, in
/// the bytes <see cref="CleanedRowJson"/> writes (as the <c>clean</c> CLI does), or 404.
/// </summary>
public static class CleanedRowEndpoints
{
    public static RouteGroupBuilder MapCleanedRowEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var rows = api.MapGroup(string.Empty).WithTags("Cleaned rows");
        rows.MapGet("/pins/{ind:long}", (long ind, IWarehouse warehouse, CancellationToken cancellationToken) =>
                RowOrNotFoundAsync("pin", ind, warehouse.FindPinAsync(ind, cancellationToken)))
            .WithName("GetPin").WithSummary("The cleaned pin: ind, unique_id, title, description, follower_count, poster_name, tag_list, is_image_or_video, image_src, save_location, category.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status404NotFound);
        rows.MapGet("/geo/{ind:long}", (long ind, IWarehouse warehouse, CancellationToken cancellationToken) =>
                RowOrNotFoundAsync("geo row", ind, warehouse.FindGeoAsync(ind, cancellationToken)))
            .WithName("GetGeo").WithSummary("The cleaned geo row: ind, country, coordinates [lat, lon], timestamp.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status404NotFound);
        rows.MapGet("/users/{ind:long}", (long ind, IWarehouse warehouse, CancellationToken cancellationToken) =>
                RowOrNotFoundAsync("user", ind, warehouse.FindUserAsync(ind, cancellationToken)))
            .WithName("GetUser").WithSummary("The cleaned user: ind, user_name, age, date_joined.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> RowOrNotFoundAsync<T>(string what, long ind, Task<T?> find)
        where T : class
    {
        var row = await find;
        return row is null
            ? TypedResults.Problem(title: "Not found", detail: $"No {what} with ind {ind}.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Bytes(CleanedRowJson.ToUtf8(row), "application/json");
    }
}
