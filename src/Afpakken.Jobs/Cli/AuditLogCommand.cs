using System.CommandLine;
using Afpakken.Engine.Storage;

namespace Afpakken.Jobs.Cli;

/// <summary><c>afpakken audit-log --data DIR [--verify]</c>: lists the access log, or checks its hash chain (exit 3 when broken).</summary>
internal static class AuditLogCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data directory", Required = true };
        var verify = new Option<bool>("--verify") { Description = "Check the hash chain instead of listing the entries" };
        var command = new Command("audit-log", "The append-only, hash-chained log of who consulted which personal data, when and why") { data, verify };
        command.SetAction((parse, cancellationToken) => CliRun.RunAsync("audit-log", async (_, ct) =>
        {
            var log = new AuditLog(await CliRun.OpenStoreAsync(parse.GetValue(data)!, "nothing consulted yet", ct), TimeProvider.System);
            if (parse.GetValue(verify))
            {
                if (await log.VerifyAsync(ct) is { } broken)
                {
                    await Console.Error.WriteLineAsync($"afpakken audit-log: the chain is broken at entry {broken.Sequence}: {broken.Problem}");
                    return 3;
                }

                Console.WriteLine($"audit log intact: {(await log.ReadAsync(ct)).Count} entries");
                return 0;
            }

            Console.WriteLine("seq\tat\tuser\trole\taction\tcase\tpurpose\trecipient\twhat");
            foreach (var e in await log.ReadAsync(ct))
            {
                Console.WriteLine($"{e.Sequence}\t{e.At:yyyy-MM-ddTHH:mm:ssZ}\t{e.User}\t{e.Role}\t{e.Action}\t{e.CaseNumber}\t{e.Purpose}\t{e.Recipient}\t{e.What}");
            }

            return 0;
        }, cancellationToken));
        return command;
    }
}
