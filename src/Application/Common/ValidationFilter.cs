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
        var errors = new List<InputError>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(context.Message, context.CancellationToken);
            errors.AddRange(result.Errors.Select(e => new InputError(e.PropertyName, e.ErrorMessage)));
        }

        if (errors.Count == 0)
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
