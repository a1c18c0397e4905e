using System.CommandLine;
using System.Globalization;
using Afpakken.Engine.Confiscation;
using Afpakken.Engine.Evaluation;
using Afpakken.Engine.Generation;

namespace Afpakken.Jobs.Cli;

/// <summary><c>afpakken evaluate-confiscation --data DIR --truth WORLD</c>: the candidate ranking against a generated world's truth.</summary>
internal static class EvaluateConfiscationCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data directory (entities loaded, detection run)", Required = true };
        var truth = new Option<string>("--truth") { Description = "A generated world folder (or its truth folder)", Required = true };
        var highIncome = new Option<decimal>("--high-income") { Description = "Yearly legal income from which an honest party counts as a look-alike", DefaultValueFactory = _ => 100_000m };
        var command = new Command("evaluate-confiscation", "Judge the candidate ranking against the generator's truth: principals' benefit vs. planted proceeds, look-alikes")
        {
            data, truth, highIncome,
        };
        command.SetAction((parse, cancellationToken) => CliRun.RunAsync("evaluate-confiscation", async (logger, ct) =>
        {
            var store = await CliRun.OpenStoreAsync(parse.GetValue(data)!, "ingest the world and run detect first", ct);
            // Every candidate, not just the listed top: the evaluation asks where each principal stands.
            var options = ConfiscationOptions.LoadDefault();
            options = options with { Candidates = options.Candidates with { MaxListed = int.MaxValue } };
            var service = new ConfiscationService(store, options, logger, TimeProvider.System) { Purpose = "evaluation against generated truth" };
            var period = await CliRun.DetectedPeriodAsync(service, parse.GetValue(data)!, ct);
            var list = await service.CandidatesAsync(period, Environment.UserName, ct);
            var e = await ConfiscationEvaluator.EvaluateAsync(list, await GroundTruth.LoadAsync(parse.GetValue(truth)!, ct), store, parse.GetValue(highIncome), ct,
                async (subject, c) => (await service.SubjectReportAsync(subject, period, "evaluation", Environment.UserName, null, c)).Benefit.Estimated);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"principals {e.Principals}: {e.Listed} listed, {e.Within10Percent} estimated within 10 % of their planted proceeds, median error {e.MedianRelativeError:P1}; " +
                $"first non-principal at rank {e.FirstOtherRank?.ToString(CultureInfo.InvariantCulture) ?? "—"} of {list.Candidates.Count}; look-alikes listed: {e.LookAlikes.Count}"));
            foreach (var c in e.Checks.Where(c => c.RelativeError > 0.10m))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {c.PartyId}: planted {c.Proceeds:N2}, estimated {c.Estimated:N2} ({c.RelativeError:P1}), rank {c.Rank?.ToString(CultureInfo.InvariantCulture) ?? "not listed"}"));
            }

            foreach (var c in e.LookAlikes)
            {
                Console.WriteLine($"  look-alike listed: rank {c.Rank} {c.SubjectId} ({string.Join(", ", c.Typologies)})");
            }

            return 0;
        }, cancellationToken));
        return command;
    }
}
