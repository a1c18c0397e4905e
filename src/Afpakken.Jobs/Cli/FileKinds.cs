using Afpakken.Engine.Contract;

namespace Afpakken.Jobs.Cli;

/// <summary>The kind of a contract file: given with --kind, or inferred from its name (transactions.parquet, accounts.csv, …).</summary>
internal static class FileKinds
{
    public static ContractKind Resolve(string file, string? given)
    {
        if (given is not null)
        {
            return Enum.TryParse<ContractKind>(given, ignoreCase: true, out var kind)
                ? kind
                : throw new InvalidInputException("--kind", $"unknown kind '{given}' (transactions, accounts, parties, assets, income)");
        }

        var name = Path.GetFileName(file).ToLowerInvariant();
        foreach (var kind in Enum.GetValues<ContractKind>())
        {
            if (name.StartsWith(kind.ToString().ToLowerInvariant(), StringComparison.Ordinal))
            {
                return kind;
            }
        }

        // Bank exports carry their own names; transactions is what they nearly always are.
        return ContractKind.Transactions;
    }
}
