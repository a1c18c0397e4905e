using System.CommandLine;
using Afpakken.Engine.Pipeline;
using Afpakken.Engine.Storage;

namespace Afpakken.Jobs.Cli;

/// <summary><c>afpakken pipeline --input FILE... --data DIR --out DIR [--mapping M]</c>: ingest, detect, store alerts, export scores.</summary>
internal static class PipelineCommand
{
    public static Command Create()
    {
        var input = new Option<string[]>("--input", "-i")
        {
            Description = "Transactions file(s) to ingest: Parquet, Arrow IPC or CSV",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var data = new Option<string>("--data") { Description = "Data directory (store, curated dataset)", Required = true };
        var output = new Option<string>("--out") { Description = "Directory for transaction_scores.csv and account_scores.csv", Required = true };
        var mapping = new Option<string?>("--mapping") { Description = "Column mapping: a JSON file, or a preset (canonical, amlworld)" };
        var settings = DetectionConfigOption.Create();
        var command = new Command("pipeline", "Ingest transactions (Parquet, Arrow IPC or CSV), run detection over the store, write alerts and score files")
        {
            input, data, output, mapping, settings,
        };
        command.SetAction((parse, cancellationToken) => CliRun.RunAsync("pipeline", async (logger, ct) =>
        {
            var service = new PipelineService(logger, TimeProvider.System, DetectionConfigOption.Load(parse, settings));
            var columnMapping = Engine.Ingest.ColumnMappingFile.Load(parse.GetValue(mapping));
            var result = await service.RunAsync(parse.GetValue(input)!, new DataLayout(parse.GetValue(data)!), parse.GetValue(output)!, columnMapping, ct);
            foreach (var file in result.Ingested)
            {
                Console.WriteLine(file.Skipped
                    ? $"{file.File}: already ingested, skipped"
                    : $"{file.File}: {file.Loaded} loaded, {file.Rejected} rejected, {file.Duplicates} duplicate");
            }

            var d = result.Detection;
            Console.WriteLine($"detection {d.RunId}: {d.Transactions} transactions, {d.Accounts} accounts, {d.Alerts} alerts, " +
                              $"{d.FlaggedAccounts} accounts and {d.FlaggedTransactions} transactions flagged");
            return 0;
        }, cancellationToken));
        return command;
    }
}
