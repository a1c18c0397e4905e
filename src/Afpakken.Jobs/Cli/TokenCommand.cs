using System.CommandLine;

namespace Afpakken.Jobs.Cli;

internal static class TokenCommand
{
    public static Command Create() => new("token", "(being written)");
}
