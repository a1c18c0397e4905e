using Afpakken.Engine.Confiscation;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Generation;
using Afpakken.Engine.Pipeline;
using Afpakken.Engine.Storage;
using Afpakken.Engine.Tests.Support;
using Serilog;

namespace Afpakken.Engine.Tests.Confiscation;

/// <summary>
/// The candidate ranking on a generated world (entity files and transactions, a seed nothing was tuned on), judged
/// against the generator's truth: criminal principals are ranked first and their estimated benefit is close to the
/// proceeds planted for them; honest look-alikes — people with a high legal income, legal cash businesses and their
/// directors — are not candidates at all.
/// </summary>
public sealed class ConfiscationOnGeneratedWorldTests : IAsyncLifetime
{
    private const int Seed = 31_337;
    private readonly string _dir = Some.TempDirectory();
    private GroundTruth _truth = null!;
    private CandidateList _list = null!;
    private SqliteStore _store = null!;

    public async Task InitializeAsync()
    {
        var world = Path.Combine(_dir, "world");
        await WorldGenerator.WriteAsync(new GenerationOptions(world, 200_000, Seed));
        var data = new DataLayout(Path.Combine(_dir, "data"));
        var logger = new LoggerConfiguration().CreateLogger();
        var pipeline = new PipelineService(logger, TimeProvider.System);
        foreach (var (file, kind) in (IEnumerable<(string, ContractKind)>)[("parties", ContractKind.Parties), ("accounts", ContractKind.Accounts), ("assets", ContractKind.Assets), ("income", ContractKind.Income)])
        {
            await pipeline.IngestEntitiesAsync(Path.Combine(world, file + ".parquet"), kind, data);
        }

        await pipeline.IngestAsync(Path.Combine(world, "transactions.parquet"), data);
        await pipeline.DetectAsync(data, outputDirectory: null);
        _truth = await GroundTruth.LoadAsync(world);
        _store = await SqliteStore.OpenAsync(data);
        var service = new ConfiscationService(_store, ConfiscationOptions.LoadDefault(), logger, TimeProvider.System);
        _list = await service.CandidatesAsync((await service.DefaultPeriodAsync(CancellationToken.None))!, "test", CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public void Principals_come_first_and_their_benefit_is_close_to_the_planted_proceeds()
    {
        var principals = _truth.Subjects.ToDictionary(s => s.PartyId, StringComparer.Ordinal);
        var listed = _list.Candidates.Where(c => principals.ContainsKey(c.SubjectId)).ToList();
        var errors = listed.Select(c => Math.Abs(c.EstimatedBenefit - principals[c.SubjectId].Proceeds) / principals[c.SubjectId].Proceeds).Order().ToList();

        Assert.True(listed.Count >= 0.95 * principals.Count, $"{listed.Count} of {principals.Count} principals are candidates");
        var firstOther = _list.Candidates.FirstOrDefault(c => !principals.ContainsKey(c.SubjectId))?.Rank ?? int.MaxValue;
        Assert.True(firstOther > principals.Count / 2, $"a non-principal is ranked {firstOther} among {principals.Count} principals");
        Assert.True(errors[errors.Count / 2] <= 0.05m, $"median relative error {errors[errors.Count / 2]:P1}");
        var within = errors.Count(e => e <= 0.10m);
        Assert.True(within >= 0.7 * principals.Count, $"{within} of {principals.Count} principals within 10 % of their proceeds");
    }

    [Fact]
    public async Task Honest_look_alikes_are_not_candidates()
    {
        var principals = _truth.Subjects.Select(s => s.PartyId).ToHashSet(StringComparer.Ordinal);
        var highIncome = (await new EntityStore(_store).YearlyIncomeAsync(CancellationToken.None))
            .Where(kv => kv.Value >= 100_000m).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        var cashBusiness = new HashSet<string>(StringComparer.Ordinal);
        await using (var connection = await _store.OpenConnectionAsync(CancellationToken.None))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT party_id, IFNULL(directors, '') FROM parties WHERE role_hint = 'cash_intensive_business'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                cashBusiness.Add(reader.GetString(0));
                cashBusiness.UnionWith(reader.GetString(1).Split(';', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        Assert.True(highIncome.Count >= 20 && cashBusiness.Count >= 50, $"the world has {highIncome.Count} high earners and {cashBusiness.Count} cash-business parties");
        var lookAlikes = _list.Candidates.Where(c => !principals.Contains(c.SubjectId) && (highIncome.Contains(c.SubjectId) || cashBusiness.Contains(c.SubjectId))).ToList();
        Assert.True(lookAlikes.Count == 0, "look-alikes ranked: " + string.Join(", ", lookAlikes.Select(c => $"{c.Rank} {c.SubjectId} {string.Join('/', c.Typologies)}")));
    }
}
