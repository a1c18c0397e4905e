using System.CommandLine;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Generation;
using Serilog;

namespace Afpakken.Jobs.Cli;

/// <summary><c>afpakken generate --out DIR --transactions N --seed S [--format parquet|arrow|csv]</c>.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Directory that receives the world's files and truth/", Required = true };
        var transactions = new Option<long>("--transactions") { Description = "Number of transactions to write", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed; same seed and options give byte-identical files", DefaultValueFactory = _ => 42 };
        var format = new Option<string>("--format") { Description = "parquet, arrow or csv", DefaultValueFactory = _ => "parquet" };
        var command = new Command("generate", "Write a seeded synthetic financial world with planted laundering operations and its ground truth")
        {
            output, transactions, seed, format,
        };
        command.SetAction((ParseResult r, CancellationToken ct) => CliRun.RunAsync("generate", async (logger, token) =>
        {
            var options = new GenerationOptions(r.GetValue(output)!, r.GetValue(transactions), r.GetValue(seed), ParseFormat(r.GetValue(format)));
            var summary = await WorldGenerator.WriteAsync(options, token);
            Report(summary, logger);
            return 0;
        }, ct));
        return command;
    }

    internal static FileFormat ParseFormat(string? text) => text?.ToLowerInvariant() switch
    {
        "parquet" => FileFormat.Parquet,
        "arrow" or "ipc" => FileFormat.Arrow,
        "csv" => FileFormat.Csv,
        _ => throw new InvalidInputException("--format", $"unknown format '{text}' (expected parquet, arrow or csv)"),
    };

    internal static void Report(GenerationSummary summary, ILogger logger)
    {
        Console.WriteLine($"transactions {summary.Transactions}, accounts {summary.Accounts}, parties {summary.Parties}, assets {summary.Assets}, income {summary.IncomeRecords}");
        Console.WriteLine("planted operations: " + string.Join(", ", summary.PlantedOperationsByTypology.Select(kv => $"{kv.Key} {kv.Value}")));
        long?[] rows = [summary.Transactions, summary.Accounts, summary.Parties, summary.Assets, summary.IncomeRecords, summary.Transactions,
            summary.PlantedOperationsByTypology.Values.Sum()];
        for (var i = 0; i < summary.Files.Count; i++)
        {
            var file = summary.Files[i];
            Console.WriteLine(file);
            var name = Path.GetFileNameWithoutExtension(file);
            if (i < rows.Length)
            {
                logger.Information("Wrote {Rows} {Kind} rows to {File}", rows[i], name, file);
            }
            else
            {
                logger.Information("Wrote {Kind} to {File}", name, file);
            }
        }

        logger.Information(
            "Generated {Transactions} transactions, {Accounts} accounts, {Parties} parties, {Assets} assets, {IncomeRecords} income records; operations {Operations}",
            summary.Transactions, summary.Accounts, summary.Parties, summary.Assets, summary.IncomeRecords, summary.PlantedOperationsByTypology);
    }
}
