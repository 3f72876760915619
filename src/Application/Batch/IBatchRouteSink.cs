namespace Pinterest.Modular.Application.Batch;

/// <summary>
/// The batch route's sink (topic → landing zone). Before a run, the job asks it to land what the topics hold: the
/// embedded sink writes it out; a sink that runs elsewhere (Kafka Connect, the Kafka sink group) has nothing to do.
/// </summary>
public interface IBatchRouteSink
{
    Task FlushAsync(CancellationToken cancellationToken);
}
