namespace Afpakken.Engine.Generation;

/// <summary>Underground banking (hawala) with mirror settlement.</summary>
internal sealed partial class LaunderingPlanner
{
    private static readonly string[] DiasporaDescriptions = ["Cadeau", "Overboeking", "Terugbetaling"];

    /// <summary>
    /// An underground banker's account collects 20–35 diaspora senders' small credits (€60–€1,200) over 18–26 days
    /// for payment abroad. The money never leaves the country: the banker settles with his foreign partner by
    /// mirror flows, paying the collection out in 3–8 transfers to the principal's front company and 1–2 of his
    /// shells — the principal's proceeds, handed over abroad, come home as invoice payments. The senders and the
    /// payees are unlinked networks; what the banker takes in, he pays out (net ≈ 0).
    /// </summary>
    private void PlantUndergroundBanking(PlannedOperation op, DateTime start)
    {
        var p = _plan.Principals[op.Principal];
        var banker = NewMule(start);
        op.Focus = banker;
        var spanHours = _rng.Between(18, 26) * 24.0;
        long collected = 0;
        for (var i = _rng.Between(20, 35); i > 0; i--)
        {
            var sender = SomeNormalPerson();
            var credits = _rng.Chance(0.25) ? 2 : 1;
            for (var c = 0; c < credits; c++)
            {
                var cents = Cents(Math.Round(Math.Clamp(_rng.LogNormal(300, 0.6), 60, 1_200)));
                Transfer(op, After(start, 0, spanHours, _rng), sender, banker, cents, TransferCodes.Wire, _rng.Pick(DiasporaDescriptions));
                collected += cents;
            }
        }

        List<int> payees = [p.FrontAccount];
        for (var i = _rng.Between(1, 2); i > 0; i--)
        {
            payees.Add(NewShell(p.Party, start));
        }

        var outTotal = (long)(collected * _rng.Uniform(0.95, 1.0));
        var parts = _rng.Between(3, 8);
        long paid = 0;
        for (var i = 0; i < parts; i++)
        {
            var cents = i == parts - 1 ? outTotal - paid : outTotal / parts;
            paid += cents;
            var at = After(start, spanHours * (i + 1) / parts, (spanHours * (i + 1) / parts) + 96, _rng);
            Transfer(op, at, banker, payees[i % payees.Count], cents, TransferCodes.Wire, "Factuur");
        }

        op.LaunderedCents = outTotal;
    }
}
