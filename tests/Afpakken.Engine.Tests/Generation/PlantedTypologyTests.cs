using Afpakken.Engine.Contract;
using Afpakken.Engine.Generation;

namespace Afpakken.Engine.Tests.Generation;

/// <summary>Every typology is planted at least the documented minimum number of times, labelled, and has its shape.</summary>
public sealed class PlantedTypologyTests(GeneratedWorld world) : IClassFixture<GeneratedWorld>
{
    public static TheoryData<string> AllTypologies => [.. Typologies.Planted];

    [Theory]
    [MemberData(nameof(AllTypologies))]
    public void Each_typology_has_the_minimum_operations_and_labelled_transactions(string typology)
    {
        var ops = world.Operations(typology).ToList();
        Assert.True(ops.Count >= PlantingPlan.MinimumOperationsPerTypology, $"{typology}: {ops.Count}");
        Assert.Equal(PlantingPlan.OperationsPerTypology(GeneratedWorld.Transactions), ops.Count);
        foreach (var op in ops)
        {
            var txs = world.Of(op);
            Assert.Equal(op.TxCount, txs.Count);
            Assert.All(txs, t => Assert.Equal(typology, world.Truth.TypologyOf(t.Id)));
            Assert.Equal(op.TotalAmount, txs.Sum(t => t.Amount));
            Assert.Equal(op.FirstAt, txs[0].At);
            Assert.Equal(op.LastAt, txs[^1].At);
            Assert.Contains(op.FocusAccount, op.Accounts);
            Assert.All(txs.SelectMany(t => new[] { t.From, t.To }).Where(a => a != CashAccount.Id), a => Assert.Contains(a, op.Accounts));
        }
    }

    [Fact]
    public void Every_laundering_label_points_at_a_transaction_in_the_transactions_file()
    {
        Assert.All(world.Truth.LaunderingTxIds, id => Assert.True(world.ById.ContainsKey(id), id));
        Assert.Equal(world.Truth.Operations.Sum(o => o.TxCount), world.Truth.LaunderingTxIds.Count);
    }

    [Fact]
    public void Fan_in_has_at_least_five_distinct_senders_to_the_hub_within_seven_days_and_forwards_onward()
    {
        foreach (var op in world.Operations(Typologies.FanIn))
        {
            var txs = world.Of(op);
            var inflows = txs.Where(t => t.To == op.FocusAccount).ToList();
            Assert.InRange(inflows.Select(t => t.From).Distinct().Count(), 5, 20);
            Assert.True(inflows[^1].At - inflows[0].At <= TimeSpan.FromDays(7));
            var outflow = txs.Where(t => t.From == op.FocusAccount).Sum(t => t.Amount);
            Assert.InRange(outflow / inflows.Sum(t => t.Amount), 0.9m, 0.99m);
        }
    }

    [Fact]
    public void Fan_out_pays_at_least_five_recipients_within_72_hours()
    {
        foreach (var op in world.Operations(Typologies.FanOut))
        {
            var outflows = world.Of(op).Where(t => t.From == op.FocusAccount).ToList();
            Assert.InRange(outflows.Select(t => t.To).Distinct().Count(), 5, 20);
            Assert.True(outflows[^1].At - outflows[0].At <= TimeSpan.FromHours(72));
        }
    }

    [Fact]
    public void Mule_passes_at_least_ninety_percent_through_within_48_hours()
    {
        foreach (var op in world.Operations(Typologies.Mule))
        {
            var txs = world.Of(op);
            var inflows = txs.Where(t => t.To == op.FocusAccount).ToList();
            var start = inflows[0].At;
            var inSum = inflows.Sum(t => t.Amount);
            var outSum = txs.Where(t => t.From == op.FocusAccount && t.At - start <= TimeSpan.FromHours(48)).Sum(t => t.Amount);
            Assert.True(outSum / inSum >= 0.9m, $"{op.PatternId}: {outSum}/{inSum}");
            Assert.True(outSum <= inSum);
            Assert.True(inSum - outSum <= 0.05m * inSum, "residual above 5 %");
            Assert.True(inflows.Select(t => t.From).Distinct().Count() >= 2);
        }
    }

    [Fact]
    public void Scatter_gather_splits_over_intermediaries_that_rejoin_into_one_target_within_ten_days()
    {
        foreach (var op in world.Operations(Typologies.ScatterGather))
        {
            var txs = world.Of(op);
            var firstHop = txs.Where(t => t.From == op.FocusAccount).Select(t => t.To).Distinct().Count();
            Assert.InRange(firstHop, 3, 8);
            var target = txs.GroupBy(t => t.To).OrderByDescending(g => g.Select(t => t.From).Distinct().Count()).First();
            Assert.Equal(firstHop, target.Select(t => t.From).Distinct().Count());
            Assert.True(op.LastAt - op.FirstAt <= TimeSpan.FromDays(10));
            Assert.InRange(txs.Count / firstHop, 2, 3);
        }
    }

    [Fact]
    public void Gather_scatter_gathers_into_a_hub_and_scatters_within_ten_days()
    {
        foreach (var op in world.Operations(Typologies.GatherScatter))
        {
            var txs = world.Of(op);
            Assert.InRange(txs.Where(t => t.To == op.FocusAccount).Select(t => t.From).Distinct().Count(), 3, 8);
            Assert.InRange(txs.Where(t => t.From == op.FocusAccount).Select(t => t.To).Distinct().Count(), 3, 8);
            Assert.True(op.LastAt - op.FirstAt <= TimeSpan.FromDays(10));
        }
    }

    [Fact]
    public void Cycle_returns_to_its_origin_in_three_to_six_hops_losing_at_most_ten_percent_a_hop()
    {
        foreach (var op in world.Operations(Typologies.Cycle))
        {
            var txs = world.Of(op);
            Assert.InRange(txs.Count, 3, 6);
            Assert.Equal(op.FocusAccount, txs[0].From);
            for (var i = 1; i < txs.Count; i++)
            {
                Assert.Equal(txs[i - 1].To, txs[i].From);
                Assert.True(txs[i].At - txs[i - 1].At <= TimeSpan.FromDays(5));
                Assert.InRange(txs[i].Amount / txs[i - 1].Amount, 0.9m, 1m);
            }

            Assert.Equal(op.FocusAccount, txs[^1].To);
        }
    }

    [Fact]
    public void Structuring_deposits_cash_just_under_a_threshold_at_least_three_times_in_7_to_30_days()
    {
        foreach (var op in world.Operations(Typologies.Structuring))
        {
            var deposits = world.Of(op).Where(t => t.From == CashAccount.Id).ToList();
            Assert.True(deposits.Count >= 3);
            Assert.All(deposits, t => Assert.Equal(Channels.CashDeposit, t.Channel));
            var threshold = deposits.Max(t => t.Amount) < 3_000m ? 3_000m : 10_000m;
            Assert.All(deposits, t => Assert.InRange(t.Amount / threshold, 0.80m, 0.99m));
            Assert.True(deposits.Sum(t => t.Amount) >= threshold);
            Assert.InRange((deposits[^1].At - deposits[0].At).TotalDays, 7, 30);
            Assert.Contains(deposits, t => t.To == op.FocusAccount);
        }
    }

    [Fact]
    public void Straw_man_assets_are_owned_by_low_income_straw_men_and_paid_from_the_principal()
    {
        var holders = world.Accounts.ToDictionary(a => a.AccountId, a => a.Holder);
        var directors = world.Parties.Where(p => p.Directors is not null).ToDictionary(p => p.PartyId, p => p.Directors!);
        foreach (var subject in world.Truth.Subjects.Where(s => s.StrawMen.Count > 0))
        {
            foreach (var straw in subject.StrawMen)
            {
                var assets = world.Assets.Where(a => a.Owner == straw).ToList();
                Assert.InRange(assets.Count, 3, 5);
                foreach (var asset in assets)
                {
                    var tx = world.ById[Assert.IsType<string>(asset.PaidFromTxIds)];
                    Assert.Equal(Typologies.StrawMan, world.Truth.TypologyOf(tx.Id));
                    Assert.Equal(asset.AcquisitionPrice, tx.Amount);
                    var payer = holders[tx.From];

                    // Paid from the principal's own account or a company the principal directs.
                    Assert.True(payer == subject.PartyId || directors.GetValueOrDefault(payer) == subject.PartyId, $"{tx.Id} paid by {payer}");
                }

                var income = world.Income.Where(i => i.PartyId == straw).Max(i => i.Amount);
                Assert.True(assets.Sum(a => a.AcquisitionPrice) > 5 * income);
                Assert.True(world.Accounts.Count(a => a.Holder == straw) >= 2);
                Assert.Contains(world.Parties, p => p.Directors == straw);
            }
        }

        Assert.Equal(world.Operations(Typologies.StrawMan).Count(), world.Truth.Subjects.Sum(s => s.StrawMen.Count));

        // Straw men are findable through shared addresses or phones with their principal.
        var parties = world.Parties.ToDictionary(p => p.PartyId);
        Assert.Contains(world.Truth.Subjects.SelectMany(s => s.StrawMen.Select(m => (Principal: parties[s.PartyId], Straw: parties[m]))),
            pair => pair.Principal.Address == pair.Straw.Address || pair.Principal.Phone == pair.Straw.Phone);
    }

    /// <summary>Accounts of companies the subject directs, and the subject's own accounts.</summary>
    private HashSet<string> AccountsRunBy(string party)
    {
        var directed = world.Parties.Where(p => p.Directors == party).Select(p => p.PartyId).Append(party).ToHashSet();
        return world.Accounts.Where(a => directed.Contains(a.Holder)).Select(a => a.AccountId).ToHashSet();
    }

    private CriminalSubject SubjectOf(PlantedOperation op) => world.Truth.Subjects.Single(s => s.PatternIds.Contains(op.PatternId));

    [Fact]
    public void Bipartite_layering_passes_money_through_at_least_two_many_to_many_layers_within_ten_days()
    {
        foreach (var op in world.Operations(Typologies.BipartiteLayering))
        {
            var txs = world.Of(op);
            var senders = txs.Select(t => t.From).ToHashSet();
            var receivers = txs.Select(t => t.To).ToHashSet();
            var relays = senders.Intersect(receivers).ToList();
            var sources = senders.Except(receivers).ToList();
            var sinks = receivers.Except(senders).ToList();
            Assert.True(relays.Count >= 4, $"{op.PatternId}: {relays.Count} relays");
            Assert.InRange(sources.Count, 2, 3);
            Assert.InRange(sinks.Count, 2, 3);
            Assert.All(relays, r =>
            {
                Assert.True(txs.Where(t => t.To == r).Select(t => t.From).Distinct().Count() >= 2);
                Assert.True(txs.Where(t => t.From == r).Select(t => t.To).Distinct().Count() >= 2);
                var ratio = txs.Where(t => t.From == r).Sum(t => t.Amount) / txs.Where(t => t.To == r).Sum(t => t.Amount);
                Assert.InRange(ratio, 0.94m, 1m);
            });
            Assert.True(op.LastAt - op.FirstAt <= TimeSpan.FromDays(10));
            Assert.Subset(AccountsRunBy(SubjectOf(op).PartyId), sources.ToHashSet());
        }
    }

    [Fact]
    public void A_cash_front_is_a_company_of_the_principal_banking_steady_cash_for_months()
    {
        var sectors = world.Parties.ToDictionary(p => p.PartyId, p => p.SectorCode);
        var holders = world.Accounts.ToDictionary(a => a.AccountId, a => a.Holder);
        foreach (var op in world.Operations(Typologies.CashFront))
        {
            var txs = world.Of(op);
            Assert.All(txs, t => Assert.Equal((CashAccount.Id, op.FocusAccount, Channels.CashDeposit), (t.From, t.To, t.Channel)));
            Assert.True(op.LastAt - op.FirstAt >= TimeSpan.FromDays(120), $"{op.PatternId}: {op.LastAt - op.FirstAt}");
            Assert.Contains(op.FocusAccount, AccountsRunBy(SubjectOf(op).PartyId));
            Assert.DoesNotContain(sectors[holders[op.FocusAccount]], new[] { "5610", "5630", "9602", "4520", "4781" });
            var gaps = txs.Zip(txs.Skip(1), (a, b) => (b.At - a.At).TotalDays).ToList();
            Assert.All(gaps, g => Assert.InRange(g, 2, 9));
        }
    }

    [Fact]
    public void Underground_banking_collects_from_twenty_senders_and_pays_it_all_to_the_principal()
    {
        foreach (var op in world.Operations(Typologies.UndergroundBanking))
        {
            var txs = world.Of(op);
            var credits = txs.Where(t => t.To == op.FocusAccount).ToList();
            var payouts = txs.Where(t => t.From == op.FocusAccount).ToList();
            Assert.Equal(txs.Count, credits.Count + payouts.Count);
            Assert.InRange(credits.Select(t => t.From).Distinct().Count(), 20, 35);
            Assert.All(credits, t => Assert.InRange(t.Amount, 60m, 1_200m));
            Assert.True(credits[^1].At - credits[0].At <= TimeSpan.FromDays(30));
            var net = Math.Abs(credits.Sum(t => t.Amount) - payouts.Sum(t => t.Amount)) / credits.Sum(t => t.Amount);
            Assert.InRange(net, 0m, 0.05m);
            Assert.Subset(AccountsRunBy(SubjectOf(op).PartyId), payouts.Select(t => t.To).ToHashSet());
            Assert.Empty(credits.Select(t => t.From).Intersect(payouts.Select(t => t.To)));
        }
    }

    [Fact]
    public void Subjects_own_every_operation_but_some_mule_runs_and_their_proceeds_are_positive()
    {
        var patterns = world.Truth.Subjects.SelectMany(s => s.PatternIds).ToList();
        Assert.Equal(patterns.Count, patterns.Distinct().Count());
        var unowned = world.Truth.Operations.Where(o => !patterns.Contains(o.PatternId)).ToList();
        Assert.Equal(world.Truth.Operations.Count, patterns.Count + unowned.Count);

        // Only money-mule runs work for an organiser outside the data, and only a minority of them.
        Assert.All(unowned, o => Assert.Equal(Typologies.Mule, o.Typology));
        Assert.InRange(unowned.Count, 1, world.Operations(Typologies.Mule).Count() / 2);
        Assert.All(world.Truth.Subjects, s => Assert.True(s.Proceeds > 0));
        Assert.True(world.Truth.Subjects.Count >= 4);
    }

    [Fact]
    public void Mule_hubs_a_principal_runs_are_registered_with_his_phone_and_e_mail()
    {
        var parties = world.Parties.ToDictionary(p => p.PartyId);
        var holder = world.Accounts.ToDictionary(a => a.AccountId, a => a.Holder);
        var herded = 0;
        foreach (var subject in world.Truth.Subjects)
        {
            var principal = parties[subject.PartyId];
            foreach (var op in world.Truth.Operations.Where(o => subject.PatternIds.Contains(o.PatternId)))
            {
                var hub = parties[holder[op.FocusAccount]];
                if (op.Typology is Typologies.Mule || (hub.Kind == "person" && op.Typology is Typologies.FanOut or Typologies.GatherScatter))
                {
                    Assert.Equal(principal.Phone, hub.Phone);
                    Assert.Equal(principal.Email, hub.Email);
                    herded++;
                }
            }
        }

        Assert.True(herded >= world.Operations(Typologies.Mule).Count() / 2, $"{herded} herded hubs");

        // A run for an organiser outside the data leaves the mule's own contact details.
        var owned = world.Truth.Subjects.SelectMany(s => s.PatternIds).ToHashSet();
        var principals = world.Truth.Subjects.Select(s => parties[s.PartyId].Phone).ToHashSet();
        Assert.All(world.Operations(Typologies.Mule).Where(o => !owned.Contains(o.PatternId)),
            o => Assert.DoesNotContain(parties[holder[o.FocusAccount]].Phone, principals));
    }
}
