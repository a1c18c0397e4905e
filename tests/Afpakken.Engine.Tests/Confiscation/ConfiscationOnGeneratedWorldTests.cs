using Afpakken.Engine.Confiscation;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Evaluation;
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
    private ConfiscationService _service = null!;
    private Period _period = null!;

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
        _service = new ConfiscationService(_store, ConfiscationOptions.LoadDefault(), logger, TimeProvider.System);
        _period = (await _service.DefaultPeriodAsync(CancellationToken.None))!;
        _list = await _service.CandidatesAsync(_period, "test", CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Principals_come_first_their_benefit_is_close_to_the_planted_proceeds_and_no_look_alike_is_listed()
    {
        var e = await ConfiscationEvaluator.EvaluateAsync(_list, _truth, _store, highIncome: 100_000m, CancellationToken.None,
            async (subject, ct) => (await _service.SubjectReportAsync(subject, _period, "test", "test", null, ct)).Benefit.Estimated);

        Assert.True(e.Listed >= 0.95 * e.Principals, $"{e.Listed} of {e.Principals} principals are candidates");
        Assert.True((e.FirstOtherRank ?? int.MaxValue) > e.Principals / 2, $"a non-principal is ranked {e.FirstOtherRank} among {e.Principals} principals");
        Assert.True(e.MedianRelativeError <= 0.02m, $"median relative error {e.MedianRelativeError:P1}");

        // Each principal: the estimated benefit within 10 % of the proceeds the generator planted for it.
        var misses = e.Checks.Where(c => c.RelativeError > 0.10m).Select(c => $"{c.PartyId}: planted {c.Proceeds:N2}, estimated {c.Estimated:N2}").ToList();
        Assert.True(misses.Count == 0, $"{misses.Count} of {e.Principals} principals off by more than 10 %: {string.Join("; ", misses)}");
        Assert.True(e.LookAlikes.Count == 0, "look-alikes ranked: " + string.Join(", ", e.LookAlikes.Select(c => $"{c.Rank} {c.SubjectId} {string.Join('/', c.Typologies)}")));
    }

    [Fact]
    public async Task The_world_has_the_look_alikes_the_test_relies_on()
    {
        var highIncome = (await new EntityStore(_store).YearlyIncomeAsync(CancellationToken.None)).Count(kv => kv.Value >= 100_000m);
        var cashBusinessAccounts = await new PartyQueries(_store).AccountsOfRoleHintsAsync(["cash_intensive_business"], CancellationToken.None);

        Assert.True(highIncome >= 20, $"{highIncome} parties with a legal income of 100,000 or more");
        Assert.True(cashBusinessAccounts.Count >= 20, $"{cashBusinessAccounts.Count} cash-business accounts");
    }
}
