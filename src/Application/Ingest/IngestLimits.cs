using System.Globalization;

namespace Pinterest.Modular.Application.Ingest;

/// <summary>
/// The words of the <c>Ingest:MaxRecordsPerRequest</c> refusals, shared by the validator and the APIs that check the
/// count before reading a body's records (so a body of 400,000 records is refused without building 400,000 of them).
/// </summary>
public static class IngestLimits
{
    public static string TooManyRecords(int count, int max) => string.Create(
        CultureInfo.InvariantCulture,
        $"records holds {count} records; at most {max} are accepted per request (Ingest:MaxRecordsPerRequest).");

    public static string TooManyRows(int recordIndex, int max) => string.Create(
        CultureInfo.InvariantCulture,
        $"records[{recordIndex}] takes the request past {max} rows; at most {max} are accepted per request (Ingest:MaxRecordsPerRequest), each row of an array value counting as one.");
}
