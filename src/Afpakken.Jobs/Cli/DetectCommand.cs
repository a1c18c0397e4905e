using System.CommandLine;
using System.Globalization;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Detection;
using Afpakken.Engine.Pipeline;

namespace Afpakken.Jobs.Cli;

/// <summary><c>afpakken detect --data DIR --out DIR [--from DATE --to DATE]</c>: detection over the store, whichever runs loaded it.</summary>
internal static class DetectCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data directory with a curated store", Required = true };
        var output = new Option<string>("--out") { Description = "Directory for the score files, cases.json and facilitators.csv", Required = true };
        var from = new Option<string?>("--from") { Description = "First day to analyse (yyyy-MM-dd, UTC); default: 12 months before --to" };
        var to = new Option<string?>("--to") { Description = "Last day to analyse (yyyy-MM-dd, UTC, inclusive); default: the latest booking in the store" };
        var settings = DetectionConfigOption.Create();
        var command = new Command("detect", "Run every detector over the curated store; write alerts to the store and score files to --out")
        {
            data, output, from, to, settings,
        };
        command.SetAction((parse, cancellationToken) => CliRun.RunAsync("detect", async (logger, ct) =>
        {
            var layout = CliRun.RequireStore(parse.GetValue(data)!, "ingest files first");

            var window = Window(parse.GetValue(from), parse.GetValue(to));
            var d = await new PipelineService(logger, TimeProvider.System, DetectionConfigOption.Load(parse, settings)).DetectAsync(layout, parse.GetValue(output)!, window, ct);
            Console.WriteLine($"detection {d.RunId}: {d.Transactions} transactions, {d.Accounts} accounts, {d.Alerts} alerts, " +
                              $"{d.FlaggedAccounts} accounts and {d.FlaggedTransactions} transactions flagged");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static DetectionWindow? Window(string? from, string? to)
    {
        if (from is null && to is null)
        {
            return null;
        }

        var end = to is null ? DateTime.UtcNow.Date.AddDays(1) : Day(to, "--to").AddDays(1);
        var start = from is null ? end.AddMonths(-12) : Day(from, "--from");
        return start < end ? new DetectionWindow(start, end) : throw new InvalidInputException("--from", "must be before --to");
    }

    private static DateTime Day(string text, string option) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)
            ? DateTime.SpecifyKind(day, DateTimeKind.Utc)
            : throw new InvalidInputException(option, $"'{text}' is not a date (yyyy-MM-dd)");
}
