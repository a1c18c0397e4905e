namespace Afpakken.Engine.Generation;

/// <summary>Layering typologies: scatter-gather, gather-scatter, round-tripping cycles and bipartite stacks.</summary>
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
        var hub = _rng.Chance(0.6) ? NewShell(p.Party, start) : NewHerdedMule(op, start);
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

    /// <summary>
    /// Stack layering: 2–3 shells the principal directs pay a first layer of 2–4 mule accounts, every payer
    /// paying every account of the next layer; 2–3 such layers, each passing 95–99 % on within 2–36 hours of its last
    /// receipt, end in 2–3 foreign companies — sets of accounts paying sets of accounts within about a week.
    /// </summary>
    private void PlantBipartiteLayering(PlannedOperation op, DateTime start)
    {
        var p = _plan.Principals[op.Principal];
        List<int> sources = [];
        for (var i = _rng.Between(2, 3); i > 0; i--)
        {
            sources.Add(NewShell(p.Party, start));
        }

        op.Focus = sources[0];
        var layers = new List<List<int>>();
        for (var l = _rng.Between(2, 3); l > 0; l--)
        {
            var layer = new List<int>();
            for (var i = _rng.Between(2, 4); i > 0; i--)
            {
                layer.Add(NewMule(start));
            }

            layers.Add(layer);
        }

        var sinks = new List<int>();
        for (var i = _rng.Between(2, 3); i > 0; i--)
        {
            sinks.Add(NewForeign(start));
        }

        layers.Add(sinks);

        // What each account of the current layer holds and when its last receipt arrived.
        var held = new Dictionary<int, (long Cents, DateTime Last)>();
        foreach (var source in sources)
        {
            held[source] = (Cents(_rng.Uniform(8_000, 40_000)), After(start, 0, 24, _rng));
            op.LaunderedCents += held[source].Cents;
        }

        var payers = sources;
        foreach (var layer in layers)
        {
            var next = layer.ToDictionary(a => a, _ => (Cents: 0L, Last: DateTime.MinValue));
            foreach (var payer in payers)
            {
                var (cents, last) = held[payer];
                var outTotal = sources.Contains(payer) ? cents : (long)(cents * _rng.Uniform(0.95, 0.99));
                var weights = layer.Select(_ => _rng.Uniform(0.6, 1.4)).ToArray();
                var sum = weights.Sum();
                long paid = 0;
                for (var i = 0; i < layer.Count; i++)
                {
                    var part = i == layer.Count - 1 ? outTotal - paid : (long)(outTotal * weights[i] / sum);
                    paid += part;
                    var at = After(last, 2, 36, _rng);
                    Transfer(op, at, payer, layer[i], part, TransferCodes.Wire, _rng.Chance(0.5) ? "Factuur" : "Overboeking");
                    var before = next[layer[i]];
                    next[layer[i]] = (before.Cents + part, at > before.Last ? at : before.Last);
                }
            }

            held = next;
            payers = layer;
        }
    }
}
