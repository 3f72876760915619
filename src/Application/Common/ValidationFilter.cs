using FluentValidation;
using MassTransit;

namespace Pinterest.Modular.Application.Common;

/// <summary>
/// The one validation step: every command with a registered validator is checked before its handler runs.
/// A caller that accepts <see cref="CommandInvalid"/> gets it as the answer; anyone else gets the exception.
/// </summary>
public sealed class ValidationFilter<T>(IEnumerable<IValidator<T>> validators) : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        // Every command passes here: a valid one (the usual case) allocates no error list.
        List<InputError>? errors = null;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(context.Message, context.CancellationToken);
            foreach (var failure in result.Errors)
            {
                (errors ??= []).Add(new InputError(failure.PropertyName, failure.ErrorMessage));
            }
        }

        if (errors is null)
        {
            await next.Send(context);
            return;
        }

        if (context.IsResponseAccepted<CommandInvalid>())
        {
            await context.RespondAsync(new CommandInvalid(errors));

            // No consumer ran, so mark the message consumed here; otherwise the receive pipe dead-letters it and the
            // caller gets MessageNotConsumedException instead of the answer.
            await context.NotifyConsumed(context, TimeSpan.Zero, "validation");
            return;
        }

        throw new ValidationException(string.Join(" ", errors.Select(e => e.Message))); // each message names its path
    }

    public void Probe(ProbeContext context) => context?.CreateFilterScope("validation");
}
