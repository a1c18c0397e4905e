using Afpakken.Engine.Contract;
using Afpakken.Engine.Formats;

namespace Afpakken.Engine.Generation;

/// <summary>A planted laundering operation as recorded in <c>truth/operations</c>.</summary>
/// <param name="FocusAccount">The hub, funnel, source or origin account an analyst would name.</param>
/// <param name="Accounts">Every account the operation touches (CASH excluded).</param>
public sealed record PlantedOperation(
    string PatternId, string Typology, string FocusAccount, IReadOnlyList<string> Accounts,
    int TxCount, decimal TotalAmount, DateTime FirstAt, DateTime LastAt);

/// <summary>A criminal principal as recorded in <c>truth/subjects</c>: straw men, laundered proceeds, operations.</summary>
public sealed record CriminalSubject(string PartyId, IReadOnlyList<string> StrawMen, decimal Proceeds, IReadOnlyList<string> PatternIds);

/// <summary>
/// The ground truth of a generated world. Per-transaction labels are kept only for laundering transactions
/// (a small minority), so a world of millions of rows loads into a few megabytes.
/// </summary>
public sealed class GroundTruth
{
    private readonly Dictionary<string, (string Typology, string PatternId)> _labels;

    private GroundTruth(
        IReadOnlyList<PlantedOperation> operations, IReadOnlyList<CriminalSubject> subjects,
        Dictionary<string, (string, string)> labels, long transactionCount)
    {
        Operations = operations;
        Subjects = subjects;
        _labels = labels;
        LaunderingTxIds = labels.Keys.ToHashSet(StringComparer.Ordinal);
        TransactionCount = transactionCount;
    }

    public IReadOnlyList<PlantedOperation> Operations { get; }
    public IReadOnlyList<CriminalSubject> Subjects { get; }

    /// <summary>Ids of every transaction labelled is_laundering.</summary>
    public IReadOnlySet<string> LaunderingTxIds { get; }

    /// <summary>Rows in transactions_truth (laundering and normal).</summary>
    public long TransactionCount { get; }

    public bool IsLaundering(string txId) => _labels.ContainsKey(txId);

    /// <summary>The typology of a laundering transaction, or null for a normal one.</summary>
    public string? TypologyOf(string txId) => _labels.TryGetValue(txId, out var label) ? label.Typology : null;

    /// <summary>The pattern id of a laundering transaction, or null for a normal one.</summary>
    public string? PatternOf(string txId) => _labels.TryGetValue(txId, out var label) ? label.PatternId : null;

    /// <summary>
    /// Loads the truth of a world directory (or its <c>truth/</c> folder), in whichever format it was written.
    /// </summary>
    public static async Task<GroundTruth> LoadAsync(string worldOrTruthDirectory, CancellationToken cancellationToken = default)
    {
        var folder = Directory.Exists(Path.Combine(worldOrTruthDirectory, TruthSchemas.Folder))
            ? Path.Combine(worldOrTruthDirectory, TruthSchemas.Folder)
            : worldOrTruthDirectory;
        string Find(string name) => TableFiles.Find(folder, name)
            ?? throw new InvalidInputException(folder, $"no {name}.parquet, .arrow or .csv");

        var labels = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        long count = 0;
        await foreach (var chunk in TableFiles.ReadAsync(Find(TruthSchemas.TransactionsTruthFile), TruthSchemas.TransactionsTruth, cancellationToken))
        {
            var (ids, flags, typologies, patterns) = (chunk.Column<string>(TruthSchemas.TxId), chunk.Column<bool>(TruthSchemas.IsLaundering),
                chunk.Column<string?>(TruthSchemas.Typology), chunk.Column<string?>(TruthSchemas.PatternId));
            for (var i = 0; i < chunk.RowCount; i++)
            {
                if (flags[i])
                {
                    labels[ids[i]] = (typologies[i] ?? string.Empty, patterns[i] ?? string.Empty);
                }
            }

            count += chunk.RowCount;
        }

        var ops = await TableFiles.ReadAllAsync(Find(TruthSchemas.OperationsFile), TruthSchemas.Operations, cancellationToken);
        var operations = Enumerable.Range(0, ops.RowCount).Select(i => new PlantedOperation(
            ops.Column<string>(TruthSchemas.PatternId)[i], ops.Column<string>(TruthSchemas.Typology)[i],
            ops.Column<string>(TruthSchemas.FocusAccount)[i], Split(ops.Column<string?>(TruthSchemas.Accounts)[i]),
            ops.Column<int>(TruthSchemas.TxCount)[i], ops.Column<decimal>(TruthSchemas.TotalAmount)[i],
            ops.Column<DateTime>(TruthSchemas.FirstAt)[i], ops.Column<DateTime>(TruthSchemas.LastAt)[i])).ToArray();

        var subs = await TableFiles.ReadAllAsync(Find(TruthSchemas.SubjectsFile), TruthSchemas.Subjects, cancellationToken);
        var subjects = Enumerable.Range(0, subs.RowCount).Select(i => new CriminalSubject(
            subs.Column<string>(TruthSchemas.PartyId)[i], Split(subs.Column<string?>(TruthSchemas.StrawMen)[i]),
            subs.Column<decimal>(TruthSchemas.Proceeds)[i], Split(subs.Column<string?>(TruthSchemas.PatternIds)[i]))).ToArray();

        return new GroundTruth(operations, subjects, labels, count);
    }

    private static string[] Split(string? list) =>
        string.IsNullOrEmpty(list) ? [] : list.Split(';', StringSplitOptions.RemoveEmptyEntries);
}
