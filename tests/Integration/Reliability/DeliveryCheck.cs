using Pinterest.Modular.Application.Landing;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Infrastructure.Embedded;
using Pinterest.Modular.Infrastructure.ObjectStore;

namespace Pinterest.Modular.Tests.Integration.Reliability;

/// <summary>
/// "A record that was acknowledged must reach storage exactly once", checked stage by stage after the host is gone,
/// for each kind:
/// <list type="bullet">
/// <item>the transport (<see cref="TransportLog"/>: the embedded log, the Kafka topic, the Kinesis stream): every
/// acknowledged key is in it exactly once; a key whose request failed on the wire at most once; no key that was never
/// sent. A record appended twice would show here, even though the tables would hide it.</item>
/// <item>the landing zone (batch route, files): every record of the transport is on exactly one line of one object,
/// and nothing else is. The embedded sink rewrites an object after a crash under the same key; on Kafka the objects
/// come from the sink group, named by their partition and first offset, and a member that takes a partition over
/// reads on from the offset committed after the last written object, so a replay rewrites that object under the same
/// key. As every key is in the topic once (checked above), a key on two lines means a record landed twice, whichever
/// member or object wrote it: a replay that started anywhere else, or a rebalance that let two members write, shows.</item>
/// <item>the warehouse: a row for every acknowledged key, and for no key that was never sent; and exactly the keys
/// of the transport, so nothing accepted was lost between the transport and the table. Upserts on <c>ind</c> make a
/// row per key the most a table can show, hence the two checks above.</item>
/// </list>
/// </summary>
internal sealed class DeliveryCheck(HostUnderLoad host)
{
    public async Task AssertAsync()
    {
        host.Ledger.AckedCount.Should().BePositive("the load must have had records acknowledged");
        foreach (var kind in RecordKinds.All)
        {
            var acked = host.Ledger.AckedOf(kind);
            var sent = acked.Union(host.Ledger.UnknownOf(kind)).ToHashSet();
            var stored = await host.Warehouse.KeysAsync(kind);
            acked.Except(stored).Should().BeEmpty("every acknowledged {0} must be in the warehouse", kind);
            stored.Except(sent).Should().BeEmpty("the warehouse holds only {0} keys that were sent", kind);

            var logged = CountKeys(await TransportLog.ReadKeysAsync(host, kind));
            logged.Where(k => k.Value > 1).Should().BeEmpty("no {0} record may be appended twice", kind);
            acked.Except(logged.Keys).Should().BeEmpty("every acknowledged {0} is in the transport", kind);
            logged.Keys.Except(sent).Should().BeEmpty("the transport holds only {0} keys that were sent", kind);
            logged.Keys.Except(stored).Should().BeEmpty("every {0} record of the transport reached the warehouse", kind);
            stored.Except(logged.Keys).Should().BeEmpty("the warehouse holds no {0} that is not in the transport", kind);

            if (host.Route == Route.Batch)
            {
                var landed = CountKeys(ReadLanding(kind));
                landed.Where(k => k.Value > 1).Should().BeEmpty("no {0} record may land twice", kind);
                logged.Keys.Except(landed.Keys).Should().BeEmpty("every {0} record of the transport landed", kind);
                landed.Keys.Except(logged.Keys).Should().BeEmpty("the landing zone holds no {0} that is not in the transport", kind);
            }
        }
    }

    private static Dictionary<long, int> CountKeys(IEnumerable<long?> keys)
    {
        var counts = new Dictionary<long, int>();
        foreach (var key in keys)
        {
            key.Should().NotBeNull("every record the load sent carries its key");
            counts[key!.Value] = counts.GetValueOrDefault(key.Value) + 1;
        }

        return counts;
    }

    /// <summary>Every line of every landed object of the kind's topic (the files store under the data directory).</summary>
    private List<long?> ReadLanding(RecordKind kind)
    {
        var folder = Path.Combine(host.DataDir, FileObjectStore.LandingFolder, "topics", UniqueRows.Destination(Route.Batch, kind));
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var keys = new List<long?>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Where(f => !AtomicFile.IsTemporary(f)))
        {
            var content = File.ReadAllBytes(file);
            keys.AddRange(LandingLines.Split(content).Select(range => UniqueRows.KeyOf(kind, content.AsSpan(range))));
        }

        return keys;
    }
}
