using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Application.Ingest;

/// <summary>
/// What ingest refuses outright (the rest of a row is checked when it is cleaned, and a bad row goes to the rejected
/// store): no records, too many records or rows, a value that is not a row object (or array of row objects), a row
/// without an integer key or with a name twice. It stops at the first limit passed and reports at most
/// <see cref="MaxReportedErrors"/> errors (and how many more), so an abusive body costs a short answer.
/// </summary>
public sealed class IngestRecordsValidator : AbstractValidator<IngestRecords>
{
    public const int MaxReportedErrors = 10;

    public IngestRecordsValidator(IOptions<IngestOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var max = options.Value.MaxRecordsPerRequest;

        // A failed count ends validation: checking 400,000 records past a limit of 1,000 is the work the limit saves.
        ClassLevelCascadeMode = CascadeMode.Stop;
        RuleLevelCascadeMode = CascadeMode.Stop;

        // OverridePropertyName, not WithName: the path clients see is the wire name, as in records[i].value.
        RuleFor(c => c.Records)
            .NotEmpty().WithMessage("records must hold at least one record.")
            .Must(r => r.Count <= max)
            .WithMessage(c => IngestLimits.TooManyRecords(c.Records.Count, max))
            .OverridePropertyName("records");

        RuleFor(c => c).Custom((command, context) =>
        {
            var kind = command.Destination.Kind;
            var rows = 0;
            var errors = 0;
            for (var i = 0; i < command.Records.Count; i++)
            {
                var error = RowShape.Check(kind, command.Records[i].Value.Span, out var recordRows);
                if (error is not null)
                {
                    // RowShape's messages start with their path inside the value; the record index makes it the full path.
                    if (++errors <= MaxReportedErrors)
                    {
                        context.AddFailure(
                            string.Create(CultureInfo.InvariantCulture, $"records[{i}].{error.Value.Path}"),
                            string.Create(CultureInfo.InvariantCulture, $"records[{i}].{error.Value.Message}"));
                    }

                    continue;
                }

                rows += recordRows;
                if (rows > max)
                {
                    context.AddFailure("records", IngestLimits.TooManyRows(i, max));
                    return;
                }
            }

            if (errors > MaxReportedErrors)
            {
                context.AddFailure("records", string.Create(
                    CultureInfo.InvariantCulture, $"… and {errors - MaxReportedErrors} more errors (the first {MaxReportedErrors} are shown)."));
            }
        });
    }
}
