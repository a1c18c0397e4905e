using System.Diagnostics;

namespace Afpakken.Engine.Tests.Support;

/// <summary>Runs the real <c>afpakken</c> executable (built beside the tests) as a separate process.</summary>
internal static class AfpakkenCli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Task<Result> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Start(args, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the command and kills it (the whole process tree) as soon as <paramref name="condition"/> holds.</summary>
    /// <returns>True when it was killed; false when it ended by itself first.</returns>
    public static async Task<bool> RunUntilAsync(Func<bool> condition, params string[] args)
    {
        using var process = Start(args, new Dictionary<string, string>());
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!process.HasExited && DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                return true;
            }

            await Task.Delay(5);
        }

        await process.WaitForExitAsync();
        return false;
    }

    private static Process Start(string[] args, IReadOnlyDictionary<string, string> environment)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "afpakken.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }
}
