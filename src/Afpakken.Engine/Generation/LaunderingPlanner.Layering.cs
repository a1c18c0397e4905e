namespace Afpakken.Engine.Generation;

/// <summary>Layering typologies: scatter-gather, gather-scatter and round-tripping cycles.</summary>
internal sealed partial class LaunderingPlanner
{
    /// <summary>A source splits over 3–8 intermediaries (2 or 3 hops) that re-join into one target within 7 days.</summary>
    private void PlantScatterGather(PlannedOperation op, DateTime start)
    {
        var p = _plan.Principals[op.Principal];
        var source = _rng.Chance(0.7) ? p.FrontAccount : NewForeign(start);
        op.Focus = source;
        var target = NewShell(p.Party, start);
        var branches = _rng.Between(3, 8);
        var hops = _rng.Between(2, 3);
        long total = 0;
        for (var i = 0; i < branches; i++)
        {
            var cents = Cents(_rng.Uniform(2_000, 9_000));
            total += cents;
            var at = After(start, 0, 24, _rng);
            var first = NewMule(at);
            Transfer(op, at, source, first, cents, TransferCodes.Wire, "Factuur");
            var holder = first;
            if (hops == 3)
            {
                at = After(at, 12, 72, _rng);
                var second = NewMule(at);
                cents = (long)(cents * (1 - _rng.Uniform(0, 0.03)));
                Transfer(op, at, holder, second, cents, TransferCodes.Wire, "Overboeking");
                holder = second;
            }

            at = After(at, 12, 72, _rng);
            cents = (long)(cents * (1 - _rng.Uniform(0, 0.03)));
            Transfer(op, at, holder, target, cents, TransferCodes.Wire, "Terugbetaling");
        }

        op.LaunderedCents = total;
    }

    /// <summary>3–8 sources gather into one hub within 48 hours; the hub scatters to 3–8 targets within the next 4 days.</summary>
    private void PlantGatherScatter(PlannedOperation op, DateTime start)
    {
        var p = _plan.Principals[op.Principal];
        var hub = _rng.Chance(0.6) ? NewShell(p.Party, start) : NewMule(start);
        op.Focus = hub;
        var sources = _rng.Between(3, 8);
        long total = 0;
        var last = start;
        for (var i = 0; i < sources; i++)
        {
            var at = i == 0 ? start : After(start, 0, 48, _rng);
            var cents = Cents(_rng.Uniform(2_000, 9_000));
            Transfer(op, at, NewMule(at), hub, cents, TransferCodes.Wire, "Factuur");
            total += cents;
            last = at > last ? at : last;
        }

        var targets = _rng.Between(3, 8);
        var outTotal = (long)(total * _rng.Uniform(0.93, 0.99));
        long paid = 0;
        for (var i = 0; i < targets; i++)
        {
            var at = After(last, 12, 96, _rng);
            var to = _rng.Chance(0.6) ? NewMule(at) : NewForeign(at);
            var cents = i == targets - 1 ? outTotal - paid : outTotal / targets;
            paid += cents;
            Transfer(op, at, hub, to, cents, TransferCodes.Wire, "Consultancy");
        }

        op.LaunderedCents = total;
    }

    /// <summary>Funds leave the origin and return to it through 3–6 hops, at most 4.5 days a hop, losing 0–10 % a hop.</summary>
    private void PlantCycle(PlannedOperation op, DateTime start)
    {
        var p = _plan.Principals[op.Principal];
        var origin = p.FrontAccount;
        op.Focus = origin;
        var hops = _rng.Between(3, 6);
        var cents = Cents(_rng.Uniform(10_000, 150_000));
        op.LaunderedCents = cents;
        var at = start;
        var current = origin;
        for (var h = 0; h < hops; h++)
        {
            var next = h == hops - 1 ? origin : (_rng.Chance(0.5) ? NewForeign(at) : NewShell(p.Party, at));
            Transfer(op, at, current, next, cents, TransferCodes.Wire, _rng.Chance(0.5) ? "Consultancy" : "Factuur");
            cents = (long)(cents * (1 - _rng.Uniform(0, 0.10)));
            current = next;
            at = After(at, 6, 4.5 * 24, _rng);
        }
    }
}
