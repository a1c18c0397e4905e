using System.CommandLine;

namespace Afpakken.Jobs.Cli;

internal static class GenerateCommand
{
    public static Command Create() => new("generate", "(being written)");
}
