using Afpakken.Engine.Contract;
using Serilog;
using Serilog.Events;

namespace Afpakken.Jobs.Cli;

/// <summary>
/// Runs one command body with the CLI's logger and turns failures into a one-line message and a non-zero exit code:
/// 2 for input the user can fix, 1 for anything else.
/// </summary>
internal static class CliRun
{
    /// <summary>The layout of a data directory that has a store; refused (as input to fix) otherwise, with <paramref name="hint"/> on what to run first.</summary>
    public static Engine.Storage.DataLayout RequireStore(string dataDirectory, string hint)
    {
        var layout = new Engine.Storage.DataLayout(dataDirectory);
        return File.Exists(layout.DatabasePath) ? layout : throw new InvalidInputException(layout.Root, $"no store here ({hint})");
    }

    /// <summary>The store of a data directory (<see cref="RequireStore"/>).</summary>
    public static async Task<Engine.Storage.SqliteStore> OpenStoreAsync(string dataDirectory, string hint, CancellationToken cancellationToken) =>
        await Engine.Storage.SqliteStore.OpenAsync(RequireStore(dataDirectory, hint), cancellationToken);

    /// <summary>The period of the store's last detection run; refused where detect never ran.</summary>
    public static async Task<Engine.Confiscation.Period> DetectedPeriodAsync(Engine.Confiscation.ConfiscationService service, string dataDirectory, CancellationToken cancellationToken) =>
        await service.DefaultPeriodAsync(cancellationToken)
            ?? throw new InvalidInputException(dataDirectory, "no detection run in this store yet (run afpakken detect first)");

    public static async Task<int> RunAsync(string command, Func<ILogger, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        using var logger = CreateLogger(command);
        try
        {
            return await body(logger, cancellationToken);
        }
        catch (InvalidInputException ex)
        {
            logger.Error("{Command} failed: {Problem} ({Source})", command, ex.Problem, ex.Source);
            await Console.Error.WriteLineAsync($"afpakken {command}: error: {ex.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"afpakken {command}: cancelled");
            return 130;
        }
#pragma warning disable CA1031 // the CLI's last line of defence: one line, non-zero exit
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.Error(ex, "{Command} failed", command);
            await Console.Error.WriteLineAsync($"afpakken {command}: error: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>Structured log events go to stderr so that stdout stays clean for command output.</summary>
    public static Serilog.Core.Logger CreateLogger(string command) =>
        new LoggerConfiguration()
            .MinimumLevel.Information()
            .Enrich.WithProperty("Command", command)
            .WriteTo.Console(
                standardErrorFromLevel: LogEventLevel.Verbose,
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}")
            .CreateLogger();
}
