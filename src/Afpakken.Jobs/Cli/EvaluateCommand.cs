using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Afpakken.Engine.Evaluation;
using Afpakken.Engine.Ingest;
using Afpakken.Engine.Pipeline;
using Afpakken.Engine.Storage;

namespace Afpakken.Jobs.Cli;

/// <summary><c>afpakken evaluate --data DIR [--truth PATH] [--out FILE]</c>: detection quality against ground truth.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data directory with a curated store", Required = true };
        var truth = new Option<string?>("--truth") { Description = "Labels: a labels Parquet file or a generated world folder (default: labels kept at ingest)" };
        var output = new Option<string?>("--out") { Description = "Also write the report as JSON to this file" };
        var settings = DetectionConfigOption.Create();
        var command = new Command("evaluate", "Score detection against ground truth: precision, recall, F1, average precision, precision at k")
        {
            data, truth, output, settings,
        };
        command.SetAction((parse, cancellationToken) => CliRun.RunAsync("evaluate", async (logger, ct) =>
        {
            var layout = new DataLayout(parse.GetValue(data)!);
            var (labels, source) = await GroundTruthLabels.FindAsync(parse.GetValue(truth), layout, ct);
            var run = await new PipelineService(logger, TimeProvider.System, DetectionConfigOption.Load(parse, settings)).AnalyseAsync(layout, ct);
            var report = DetectionEvaluator.Evaluate(run, labels, source);
            Print(report);
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }), ct);
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static void Print(EvaluationReport report)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"truth: {report.TruthSource} ({report.LabelledTransactions} of {report.Transactions} transactions labelled, {report.Accounts} accounts)"));
        foreach (var (level, metrics) in new[] { ("transactions", report.TransactionLevel), ("accounts", report.AccountLevel) })
        {
            Console.WriteLine();
            Console.WriteLine($"{level,-16} positives  flagged  precision  recall     F1     AP  P@k (k)");
            Line("all", metrics.Overall);
            foreach (var (typology, m) in metrics.ByTypology)
            {
                Line(typology, m);
            }
        }
    }

    private static void Line(string name, BinaryMetrics m) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-16} {m.Positives,9} {m.Flagged,8} {m.Precision,10:0.000} {m.Recall,7:0.000} {m.F1,6:0.000} {m.AveragePrecision,6:0.000} {m.PrecisionAtK,5:0.000} ({m.K})"));
}
