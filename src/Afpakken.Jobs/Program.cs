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
    TokenCommand.Create(),
    WorkerCommand.Create(),
    BenchCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
