using System.CommandLine;

namespace Afpakken.Jobs.Cli;

internal static class PipelineCommand
{
    public static Command Create() => new("pipeline", "(being written)");
}
