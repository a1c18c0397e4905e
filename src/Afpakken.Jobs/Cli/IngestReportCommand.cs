using System.CommandLine;
using System.Globalization;
using Afpakken.Engine.Ingest;

namespace Afpakken.Jobs.Cli;

/// <summary><c>afpakken ingest-report --data DIR</c>: the ledger of ingested files with their counts and reject reasons.</summary>
internal static class IngestReportCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data directory", Required = true };
        var command = new Command("ingest-report", "List the ledger of ingested files: counts loaded, rejected (by reason) and duplicate") { data };
        command.SetAction((parse, cancellationToken) => CliRun.RunAsync("ingest-report", async (logger, ct) =>
        {
            var ledger = new IngestLedger(await CliRun.OpenStoreAsync(parse.GetValue(data)!, "nothing ingested yet", ct));
            var entries = await ledger.ListAsync(ct);
            Console.WriteLine("ingested_at (UTC)     loaded  rejected  duplicate  size_bytes  file  content_hash");
            foreach (var e in entries)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{e.IngestedAt:yyyy-MM-dd HH:mm:ss} {e.RowsLoaded,9} {e.RowsRejected,9} {e.RowsDuplicate,10} {e.SizeBytes,11}  {e.FileName}  {e.ContentHash[..16]}"));
                foreach (var (reason, count) in e.RejectedByReason.OrderByDescending(r => r.Value))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"",20} {count,9}  rejected: {reason}"));
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{entries.Count} files, {entries.Sum(e => e.RowsLoaded)} rows loaded, {entries.Sum(e => e.RowsRejected)} rejected, {entries.Sum(e => e.RowsDuplicate)} duplicate"));
            return 0;
        }, cancellationToken));
        return command;
    }
}
