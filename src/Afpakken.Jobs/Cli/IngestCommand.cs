using System.CommandLine;
using Afpakken.Engine.Ingest;
using Afpakken.Engine.Pipeline;
using Afpakken.Engine.Storage;

namespace Afpakken.Jobs.Cli;

/// <summary><c>afpakken ingest FILE... [--mapping M] [--kind K] --data DIR</c>: load files into the store, exactly once.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Parquet, Arrow IPC or CSV files", Arity = ArgumentArity.OneOrMore };
        var mapping = new Option<string?>("--mapping") { Description = "Column mapping: a JSON file, or a preset (canonical, amlworld)" };
        var kind = new Option<string?>("--kind") { Description = "transactions, accounts, parties, assets or income (inferred from the file name when left out)" };
        var data = new Option<string>("--data") { Description = "Data directory (store, curated dataset)", Required = true };
        var command = new Command("ingest", "Validate and load files into the curated store; a file already loaded is skipped")
        {
            files, mapping, kind, data,
        };
        command.SetAction((parse, cancellationToken) => CliRun.RunAsync("ingest", async (logger, ct) =>
        {
            var columnMapping = ColumnMappingFile.Load(parse.GetValue(mapping));
            var layout = new DataLayout(parse.GetValue(data)!);
            var service = new PipelineService(logger, TimeProvider.System);
            var failed = 0;
            var busy = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                var fileKind = FileKinds.Resolve(file, parse.GetValue(kind));
                using var progress = new TerminalProgress(Path.GetFileName(file));
                try
                {
                    var result = fileKind == Engine.Contract.ContractKind.Transactions
                        ? await service.IngestAsync(file, layout, columnMapping, progress, ct)
                        : await service.IngestEntitiesAsync(file, fileKind, layout, ct);
                    Console.WriteLine(result.Skipped
                        ? $"{file}: already ingested, skipped"
                        : $"{file}: {result.Loaded} loaded, {result.Rejected} rejected, {result.Duplicates} duplicate");
                }
                catch (Engine.Contract.InvalidInputException ex)
                {
                    // One bad file does not stop the others; it is reported and the exit code says so.
                    failed++;
                    logger.Error("Rejected {File} whole: {Problem}", file, ex.Problem);
                    await Console.Error.WriteLineAsync($"afpakken ingest: error: {ex.Message}");
                }
                catch (IngestLockTimeoutException ex)
                {
                    // Another ingest kept the data directory locked: nothing of this file was loaded; try again later.
                    busy++;
                    logger.Error("Did not ingest {File}: {Problem}", file, ex.Message);
                    await Console.Error.WriteLineAsync($"afpakken ingest: error: {ex.Message}");
                }
            }

            return busy > 0 ? 1 : failed > 0 ? 2 : 0;
        }, cancellationToken));
        return command;
    }
}
