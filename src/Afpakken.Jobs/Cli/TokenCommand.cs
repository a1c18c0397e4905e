using System.CommandLine;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Security;
using Microsoft.Extensions.Configuration;

namespace Afpakken.Jobs.Cli;

/// <summary><c>afpakken token --role R</c>: prints a development bearer token, and nothing else, on stdout.</summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var role = new Option<string>("--role") { Description = $"One of: {string.Join(", ", Roles.All)}", Required = true };
        var user = new Option<string>("--user") { Description = "User name (sub and name claims)", DefaultValueFactory = _ => Environment.UserName };
        var hours = new Option<double>("--hours") { Description = "Lifetime in hours", DefaultValueFactory = _ => DevelopmentTokenIssuer.DefaultLifetime.TotalHours };
        var command = new Command("token", "Print a development JWT for the local API (signed with Auth:SigningKey or the per-user development key)")
        {
            role, user, hours,
        };
        command.SetAction((parse, ct) => CliRun.RunAsync("token", async (_, _) =>
        {
            var token = Issue(parse.GetValue(role)!, parse.GetValue(user)!, parse.GetValue(hours), LoadAuthOptions(), TimeProvider.System);
            await Console.Out.WriteLineAsync(token);
            return 0;
        }, ct));
        return command;
    }

    internal static string Issue(string role, string user, double hours, AuthOptions auth, TimeProvider time)
    {
        if (!Roles.IsKnown(role))
        {
            throw new InvalidInputException("--role", $"unknown role '{role}'; use one of {string.Join(", ", Roles.All)}");
        }

        if (string.IsNullOrWhiteSpace(user))
        {
            throw new InvalidInputException("--user", "must not be empty");
        }

        if (!(hours > 0 && hours <= 24 * 30))
        {
            throw new InvalidInputException("--hours", "must be above 0 and at most 720");
        }

        var keys = new SigningKeyStore(auth);
        return new DevelopmentTokenIssuer(keys.Key, time).Issue(user, [role], TimeSpan.FromHours(hours));
    }

    /// <summary>The same sources as the API for the key: environment variables (<c>Auth__SigningKey</c>), else the development key file.</summary>
    private static AuthOptions LoadAuthOptions()
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        return configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
    }
}
