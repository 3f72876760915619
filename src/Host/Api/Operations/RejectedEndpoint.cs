using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Host.Api.Operations;

/// <summary>
/// <c>GET /api/rejected?page=1&amp;pageSize=50&amp;kind=pin</c>: the dead-letter store, newest first, each record with its
/// kind, source, reason, raw record and time. A bad parameter is a 400 ProblemDetails that names it.
/// </summary>
public static class RejectedEndpoint
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static RouteGroupBuilder MapRejectedEndpoint(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/rejected", GetAsync).WithTags("Rejected").WithName("GetRejected")
            .WithSummary($"Rejected records, newest first. page from 1; pageSize 1..{MaxPageSize} (default {DefaultPageSize}); kind pin, geo or user.");
        return api;
    }

    // Parameters arrive as text so that a bad value is answered with a message naming it, not an empty 400.
    private static async Task<Results<Ok<RejectedPageResponse>, ValidationProblem>> GetAsync(
        string? page, string? pageSize, string? kind, IWarehouse warehouse, RecordKindRegistry kinds, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var pageNumber = ParseWholeNumber(page, 1, nameof(page), 1, int.MaxValue, errors);
        var size = ParseWholeNumber(pageSize, DefaultPageSize, nameof(pageSize), 1, MaxPageSize, errors);
        RecordKind? only = null;
        if (!string.IsNullOrEmpty(kind))
        {
            if (kinds.TryFind(kind, out var parsed))
            {
                only = parsed.Kind;
            }
            else
            {
                errors[nameof(kind)] = [$"kind must be {kinds.NamesForMessage}."];
            }
        }

        var skip = ((long)pageNumber - 1) * size;
        if (errors.Count == 0 && skip > int.MaxValue)
        {
            errors[nameof(page)] = ["page is beyond the last record that can be reached."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid query parameters");
        }

        var found = await warehouse.GetRejectedAsync((int)skip, size, only, cancellationToken);
        return TypedResults.Ok(new RejectedPageResponse(pageNumber, size, found.Total, [.. found.Items.Select(RejectedItem.From)]));
    }

    private static int ParseWholeNumber(string? text, int fallback, string name, int min, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[name] = [max == int.MaxValue ? $"{name} must be a whole number from {min}." : $"{name} must be a whole number from {min} to {max}."];
        return fallback;
    }
}
