using Afpakken.Engine.Ingest;

namespace Afpakken.Engine.Tests.Ingest;

public sealed class TxIdKeySetTests
{
    [Fact]
    public void Keys_added_are_found_once_across_growth_and_the_zero_key_too()
    {
        var set = new TxIdKeySet(expected: 10); // grows several times
        var keys = Enumerable.Range(1, 50_000).Select(i => TxIdIndex.Key($"T{i}")).Append(UInt128.Zero).ToList();

        Assert.All(keys, k => Assert.True(set.Add(k)));
        Assert.All(keys, k => Assert.False(set.Add(k)));
        Assert.Equal(keys.Count, set.Count);
        Assert.All(keys, k => Assert.True(set.Contains(k)));
        Assert.False(set.Contains(TxIdIndex.Key("T50001")));
        Assert.Equal(keys.OrderBy(k => k), set.Keys.OrderBy(k => k));
    }

    [Fact]
    public void Keys_that_share_a_home_slot_probe_past_each_other_and_wrap_around()
    {
        var set = new TxIdKeySet(expected: 0);
        var crowded = Enumerable.Range(1, 100).Select(i => new UInt128((ulong)i, ulong.MaxValue)).ToList(); // all at the last slot

        foreach (var key in crowded)
        {
            set.Prefetch([key]);
            Assert.True(set.Add(key));
        }

        Assert.All(crowded, k => Assert.True(set.Contains(k)));
        Assert.False(set.Contains(new UInt128(101, ulong.MaxValue)));
    }
}
