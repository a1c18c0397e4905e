namespace Afpakken.Engine.Generation;

/// <summary>Funnel-shaped typologies: fan-in, fan-out and the rapid pass-through of a money mule.</summary>
internal sealed partial class LaunderingPlanner
{
    /// <summary>5–20 mostly new senders pay one hub within 7 days; the hub forwards 92–98 % onward within 2 days.</summary>
    private void PlantFanIn(PlannedOperation op, DateTime start)
    {
        var p = _plan.Principals[op.Principal];
        var hub = _rng.Chance(0.6) ? NewShell(p.Party, start) : p.FrontAccount;
        op.Focus = hub;
        var senders = _rng.Between(5, 20);
        var last = start;
        long total = 0;
        for (var i = 0; i < senders; i++)
        {
            var at = i == 0 ? start : After(start, 0, 6.5 * 24, _rng);
            var sender = _rng.Chance(0.8) ? NewMule(at) : SomeNormalPerson();
            var cents = Cents(_rng.Uniform(1_000, 9_000));
            Transfer(op, at, sender, hub, cents, TransferCodes.Wire, _rng.Chance(0.5) ? "Terugbetaling" : "Lening");
            total += cents;
            last = at > last ? at : last;
        }

        var onward = hub == p.FrontAccount || _rng.Chance(0.5) ? NewForeign(start) : p.FrontAccount;
        var outTotal = (long)(total * _rng.Uniform(0.92, 0.98));
        var parts = _rng.Between(1, 2);
        for (var i = 0; i < parts; i++)
        {
            var cents = i == parts - 1 ? outTotal - (outTotal / parts * (parts - 1)) : outTotal / parts;
            Transfer(op, After(last, 2, 48, _rng), hub, onward, cents, TransferCodes.Wire, "Factuur");
        }

        op.LaunderedCents = total;
    }

    /// <summary>One inflow to a hub, then 5–20 recipients within 72 hours.</summary>
    private void PlantFanOut(PlannedOperation op, DateTime start)
    {
        var p = _plan.Principals[op.Principal];
        var hub = _rng.Chance(0.5) ? NewHerdedMule(op, start) : NewShell(p.Party, start);
        op.Focus = hub;
        var source = _rng.Chance(0.6) ? p.FrontAccount : NewForeign(start);
        var recipients = _rng.Between(5, 20);
        var total = Cents(recipients * _rng.Uniform(800, 5_000));
        Transfer(op, start, source, hub, total, TransferCodes.Wire, "Factuur");
        var outTotal = (long)(total * _rng.Uniform(0.95, 0.99));
        var weights = new double[recipients];
        for (var i = 0; i < recipients; i++)
        {
            weights[i] = _rng.Uniform(0.5, 1.5);
        }

        var sum = weights.Sum();
        long paid = 0;
        for (var i = 0; i < recipients; i++)
        {
            var at = After(start, 1, 70, _rng);
            var to = _rng.Chance(0.7) ? NewMule(at) : SomeNormalPerson();
            var cents = i == recipients - 1 ? outTotal - paid : (long)(outTotal * weights[i] / sum);
            paid += cents;
            Transfer(op, at, hub, to, cents, TransferCodes.Wire, _rng.Chance(0.5) ? "Overboeking" : "Terugbetaling");
        }

        op.LaunderedCents = total;
    }

    /// <summary>
    /// A new or long-dormant account receives from 2–5 new unrelated senders within 12 hours; 96–100 % leaves within
    /// 48 hours of the first inflow, as cash, crypto or a money transfer.
    /// </summary>
    private void PlantMule(PlannedOperation op, DateTime start)
    {
        var mule = NewHerdedMule(op, start, reactivated: _rng.Chance(0.4));
        op.Focus = mule;
        var senders = _rng.Between(2, 5);
        long inflow = 0;
        var last = start;
        for (var i = 0; i < senders; i++)
        {
            var at = i == 0 ? start : After(start, 0, 12, _rng);
            var cents = Cents(_rng.Uniform(1_500, 7_000));
            Transfer(op, at, NewMule(at), mule, cents, TransferCodes.Wire, _rng.Chance(0.5) ? "Cadeau" : "Terugbetaling");
            inflow += cents;
            last = at > last ? at : last;
        }

        var outTotal = (long)(inflow * _rng.Uniform(0.96, 1.0));
        var parts = _rng.Between(1, 3);
        var latestHours = 46 - (last - start).TotalHours;
        long paid = 0;
        for (var i = 0; i < parts; i++)
        {
            var at = After(last, 1, Math.Min(20, latestHours), _rng);
            var cents = i == parts - 1 ? outTotal - paid : outTotal / parts;
            var route = _rng.NextDouble();
            if (route < 0.5)
            {
                cents = cents / 1_000 * 1_000; // cash comes in tens of euros
                Transfer(op, at, mule, PlannedTransfer.Cash, cents, TransferCodes.CashWithdrawal, "Geldopname");
            }
            else if (route < 0.85)
            {
                Transfer(op, at, mule, _rng.Pick(_population.CryptoExchanges), cents, TransferCodes.Crypto, "Bitcoin aankoop");
            }
            else
            {
                Transfer(op, at, mule, _rng.Pick(_population.MoneyTransferOffices), cents, TransferCodes.MoneyTransfer, "Geldtransfer");
            }

            paid += cents;
        }

        op.LaunderedCents = inflow;
    }
}
