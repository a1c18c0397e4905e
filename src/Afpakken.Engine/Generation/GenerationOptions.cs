using Afpakken.Engine.Contract;
namespace Afpakken.Engine.Generation;

/// <summary>What <see cref="WorldGenerator"/> is asked to write.</summary>
/// <param name="OutputDirectory">Receives transactions/accounts/parties/assets/income files and a truth/ folder.</param>
/// <param name="Transactions">Number of transaction rows to write (planted operations included).</param>
/// <param name="Seed">Same seed, same options → byte-identical files.</param>
public sealed record GenerationOptions(string OutputDirectory, long Transactions, int Seed, FileFormat Format = FileFormat.Parquet)
{
    /// <summary>The last instant of the default world; the world spans the 365 days up to it (never the wall clock).</summary>
    public static readonly DateTime DefaultWorldEnd = new(2025, 12, 31, 23, 59, 59, DateTimeKind.Utc);

    /// <summary>Smallest world the generator accepts: enough room for the minimum operations of every typology.</summary>
    public const long MinimumTransactions = 10_000;

    /// <summary>Largest world (tx ids have ten digits).</summary>
    public const long MaximumTransactions = 9_999_999_999;

    /// <summary>The last instant of the world (UTC).</summary>
    public DateTime WorldEnd { get; init; } = DefaultWorldEnd;

    /// <summary>Rows per Parquet row group / Arrow record batch of the transactions file.</summary>
    public int RowGroupSize { get; init; } = 1 << 20;
}

/// <summary>What was written: counts per kind and the planted operations per typology.</summary>
public sealed record GenerationSummary(
    long Transactions,
    int Accounts,
    int Parties,
    int Assets,
    int IncomeRecords,
    IReadOnlyDictionary<string, int> PlantedOperationsByTypology,
    IReadOnlyList<string> Files);
