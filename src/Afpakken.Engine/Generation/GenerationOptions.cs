namespace Afpakken.Engine.Generation;

/// <summary>File format of contract files written by the generator.</summary>
public enum FileFormat
{
    Parquet,
    Arrow,
    Csv,
}

/// <summary>What <see cref="WorldGenerator"/> is asked to write.</summary>
/// <param name="OutputDirectory">Receives transactions/accounts/parties/assets/income files and a truth/ folder.</param>
/// <param name="Transactions">Number of transaction rows to write (planted operations included).</param>
/// <param name="Seed">Same seed, same options → byte-identical files.</param>
public sealed record GenerationOptions(string OutputDirectory, long Transactions, int Seed, FileFormat Format = FileFormat.Parquet);

/// <summary>What was written: counts per kind and the planted operations per typology.</summary>
public sealed record GenerationSummary(
    long Transactions,
    int Accounts,
    int Parties,
    int Assets,
    int IncomeRecords,
    IReadOnlyDictionary<string, int> PlantedOperationsByTypology,
    IReadOnlyList<string> Files);
