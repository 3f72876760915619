using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Application.Ingest;

/// <summary>
/// What ingest refuses outright (the rest of a row is checked when it is cleaned, and a bad row goes to the rejected
/// store): no records, too many, a value that is not a row object (or array of row objects), or a row without an
/// integer key.
/// </summary>
public sealed class IngestRecordsValidator : AbstractValidator<IngestRecords>
{
    public IngestRecordsValidator(RouteTable routes, IOptions<IngestOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var max = options.Value.MaxRecordsPerRequest;

        // OverridePropertyName, not WithName: the path clients see is the wire name, as in records[i].value.
        RuleFor(c => c.Records)
            .NotEmpty().WithMessage("records must hold at least one record.")
            .Must(r => r.Count <= max)
            .WithMessage(c => string.Create(CultureInfo.InvariantCulture, $"records holds {c.Records.Count} records; at most {max} are accepted per request."))
            .OverridePropertyName("records");

        RuleFor(c => c).Custom((command, context) =>
        {
            if (!routes.TryResolve(command.Route, command.Destination, out var destination))
            {
                return; // the handler answers "not found"
            }

            for (var i = 0; i < command.Records.Count; i++)
            {
                var error = RowShape.Check(destination.Kind, command.Records[i].Value.Span);
                if (error is not null)
                {
                    // RowShape's messages start with their path inside the value; the record index makes it the full path.
                    context.AddFailure(
                        string.Create(CultureInfo.InvariantCulture, $"records[{i}].{error.Value.Path}"),
                        string.Create(CultureInfo.InvariantCulture, $"records[{i}].{error.Value.Message}"));
                }
            }
        });
    }
}
