using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Application.Persistence;

namespace Pinterest.Modular.Host.Api.Operations;

/// <summary>
/// <c>GET /api/&lt;kind's row path&gt;/{ind}</c> for every registered kind (<c>/api/pins/{ind}</c>, <c>/api/geo/{ind}</c>,
/// <c>/api/users/{ind}</c>): the cleaned row with the kind's columns, in the bytes <see cref="CleanedRowJson"/> writes (as
/// the <c>clean</c> CLI does), or 404.
/// </summary>
public static class CleanedRowEndpoints
{
    public static RouteGroupBuilder MapCleanedRowEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var rows = api.MapGroup(string.Empty).WithTags("Cleaned rows");
        foreach (var kind in ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<RecordKindRegistry>().All)
        {
            rows.MapGet($"/{kind.RowPath}/{{ind:long}}", (long ind, IWarehouse warehouse, CancellationToken cancellationToken) =>
                    RowOrNotFoundAsync(kind, ind, warehouse, cancellationToken))
                .WithName("Get" + char.ToUpperInvariant(kind.Kind.Name[0]) + kind.Kind.Name[1..])
                .WithSummary($"The cleaned {kind.RowNoun}: {string.Join(", ", kind.CleanedColumns)}.")
                .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status404NotFound);
        }

        return api;
    }

    private static async Task<IResult> RowOrNotFoundAsync(RecordKindDescription kind, long ind, IWarehouse warehouse, CancellationToken cancellationToken)
    {
        var row = await warehouse.FindAsync(kind, ind, cancellationToken);
        return row is null
            ? TypedResults.Problem(title: "Not found", detail: $"No {kind.RowNoun} with ind {ind}.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Bytes(CleanedRowJson.ToUtf8(kind, row), "application/json");
    }
}
