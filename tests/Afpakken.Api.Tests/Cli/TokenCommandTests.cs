using System.Diagnostics;
using System.Net;
using Afpakken.Api.Tests.Support;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Security;
using Afpakken.Jobs.Cli;

namespace Afpakken.Api.Tests.Cli;

public sealed class TokenCommandTests : IDisposable
{
    private static readonly Uri Alerts = new("/api/v1/alerts", UriKind.Relative);
    private readonly ApiFactory _api = new();

    [Fact]
    public async Task A_token_from_the_token_command_is_accepted_by_the_api()
    {
        var token = TokenCommand.Issue("analyst", "alice", 1, new AuthOptions { SigningKey = TestKeys.SigningKeyBase64 }, TimeProvider.System);

        var response = await _api.CreateClient().WithBearer(token).GetAsync(Alerts);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void An_unknown_role_is_invalid_input()
    {
        var error = Assert.Throws<InvalidInputException>(
            () => TokenCommand.Issue("superuser", "alice", 1, new AuthOptions { SigningKey = TestKeys.SigningKeyBase64 }, TimeProvider.System));

        Assert.Equal("--role", error.Source);
    }

    [Fact]
    public async Task The_cli_prints_only_the_token_and_exits_2_on_an_unknown_role()
    {
        var (ok, stdout, _) = await RunCliAsync("token", "--role", "admin", "--user", "bob");
        var (bad, badStdout, stderr) = await RunCliAsync("token", "--role", "nobody");

        Assert.Equal(0, ok);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var response = await _api.CreateClient().WithBearer(line.Trim()).GetAsync(Alerts);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, bad);
        Assert.Empty(badStdout);
        Assert.Contains("unknown role 'nobody'", stderr, StringComparison.Ordinal);
    }

    /// <summary>Runs the real CLI with the test key in the environment and a throw-away XDG_DATA_HOME.</summary>
    private async Task<(int ExitCode, string Stdout, string Stderr)> RunCliAsync(params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "afpakken.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(cli);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Auth__SigningKey"] = TestKeys.SigningKeyBase64;
        start.Environment["XDG_DATA_HOME"] = _api.DataDirectory;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => _api.Dispose();
}
