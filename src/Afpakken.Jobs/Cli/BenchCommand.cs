using System.CommandLine;

namespace Afpakken.Jobs.Cli;

internal static class BenchCommand
{
    public static Command Create() => new("bench", "(being written)");
}
