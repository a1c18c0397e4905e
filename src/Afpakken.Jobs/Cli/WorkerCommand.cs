using System.CommandLine;

namespace Afpakken.Jobs.Cli;

internal static class WorkerCommand
{
    public static Command Create() => new("worker", "(being written)");
}
