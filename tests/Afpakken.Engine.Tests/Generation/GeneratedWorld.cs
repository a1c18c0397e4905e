using Afpakken.Engine.Contract;
using Afpakken.Engine.Formats;
using Afpakken.Engine.Generation;

namespace Afpakken.Engine.Tests.Generation;

/// <summary>One small generated world (48k transactions, Parquet) shared by the tests of a class, loaded back from its files.</summary>
public sealed class GeneratedWorld : IAsyncLifetime
{
    public const long Transactions = 48_000;
    public const int Seed = 2025;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "afpakken-world-" + Guid.NewGuid().ToString("N"));
    public GenerationSummary Summary { get; private set; } = null!;
    public GroundTruth Truth { get; private set; } = null!;
    public IReadOnlyList<Tx> All { get; private set; } = [];
    public IReadOnlyList<(string Id, string? Description)> Descriptions { get; private set; } = [];
    public IReadOnlyDictionary<string, Tx> ById { get; private set; } = new Dictionary<string, Tx>();
    public IReadOnlyList<Account> Accounts { get; private set; } = [];
    public IReadOnlyList<Party> Parties { get; private set; } = [];
    public IReadOnlyList<Asset> Assets { get; private set; } = [];
    public IReadOnlyList<LegalIncome> Income { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Summary = await WorldGenerator.WriteAsync(new GenerationOptions(Directory, Transactions, Seed));
        Truth = await GroundTruth.LoadAsync(Directory);
        var rows = new List<Tx>();
        var descriptions = new List<(string, string?)>();
        await foreach (var b in TransactionFileReader.ReadAsync(Path.Combine(Directory, "transactions.parquet")))
        {
            for (var i = 0; i < b.Count; i++)
            {
                rows.Add(new Tx(b.TxId[i], b.BookedAt[i], b.FromAccount[i], b.ToAccount[i], b.Amount[i], b.Channel[i], b.Currency[i]));
                descriptions.Add((b.TxId[i], b.Description[i]));
            }
        }

        All = rows;
        Descriptions = descriptions;
        ById = rows.ToDictionary(r => r.Id);
        Accounts = await EntityFiles.ReadAccountsAsync(Path.Combine(Directory, "accounts.parquet"));
        Parties = await EntityFiles.ReadPartiesAsync(Path.Combine(Directory, "parties.parquet"));
        Assets = await EntityFiles.ReadAssetsAsync(Path.Combine(Directory, "assets.parquet"));
        Income = await EntityFiles.ReadIncomeAsync(Path.Combine(Directory, "income.parquet"));
    }

    /// <summary>The transactions of one planted operation, in booking order.</summary>
    public IReadOnlyList<Tx> Of(PlantedOperation op) =>
        All.Where(t => Truth.PatternOf(t.Id) == op.PatternId).ToList();

    public IEnumerable<PlantedOperation> Operations(string typology) => Truth.Operations.Where(o => o.Typology == typology);

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed record Tx(string Id, DateTime At, string From, string To, decimal Amount, string Channel, string Currency);
