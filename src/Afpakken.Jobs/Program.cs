using System.CommandLine;
using Afpakken.Jobs.Cli;

var root = new RootCommand("afpakken — financial-flow and asset-confiscation analytics")
{
    GenerateCommand.Create(),
    IngestCommand.Create(),
    IngestReportCommand.Create(),
    PipelineCommand.Create(),
    DetectCommand.Create(),
    EvaluateCommand.Create(),
    EvaluateConfiscationCommand.Create(),
    ConfiscationCommands.AssetOverview(),
    ConfiscationCommands.Candidates(),
    AuditLogCommand.Create(),
    TokenCommand.Create(),
    WorkerCommand.Create(),
    BenchCommand.Create(),
};
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // One line, like every other error of the CLI: what is wrong with the command line, then a non-zero exit.
    await Console.Error.WriteLineAsync($"afpakken: error: {string.Join(" ", parsed.Errors.Select(e => e.Message))} (see --help)");
    return 2;
}

return await parsed.InvokeAsync();
