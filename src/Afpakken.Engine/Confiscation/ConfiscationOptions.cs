using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Afpakken.Engine.Contract;

namespace Afpakken.Engine.Confiscation;

/// <summary>How an asset kind is realised and how fast it can disappear (domain.md §4: crypto and bank balances first).</summary>
public sealed record AssetKindSettings(string Liquidity, double DissipationRisk);

/// <summary>When an alert's proceeds belong to a subject (see <see cref="Confiscation.Attribution"/>).</summary>
/// <param name="CashTradeRoleHints">Role hints of parties whose trade is cash (their structuring alerts are not proceeds).</param>
/// <param name="HerdedTypologies">
/// Pass-through typologies whose focus account, held by a person registered with a subject's phone or e-mail, counts as a
/// mule account the subject runs (see <see cref="SubjectControl"/>); null means <see cref="DefaultHerdedTypologies"/>.
/// </param>
/// <param name="PayerTypologies">
/// Collecting typologies whose senders are payers (victims, smurfs, customers), never beneficiaries: their origins are
/// not attributed; null means <see cref="DefaultPayerTypologies"/>.
/// </param>
public sealed record AttributionSettings(
    double MinFlowShare, IReadOnlyList<string>? CashTradeRoleHints = null, IReadOnlyList<string>? HerdedTypologies = null, IReadOnlyList<string>? PayerTypologies = null)
{
    public static IReadOnlyList<string> DefaultHerdedTypologies { get; } =
        [Typologies.Mule, Typologies.FanIn, Typologies.FanOut, Typologies.GatherScatter, Typologies.CryptoOffRamp];

    public static IReadOnlyList<string> DefaultPayerTypologies { get; } =
        [Typologies.FanIn, Typologies.Mule, Typologies.Structuring, Typologies.GatherScatter, Typologies.UndergroundBanking, Typologies.CryptoOffRamp, Typologies.CashFront];

    public IReadOnlyList<string> Herded => HerdedTypologies ?? DefaultHerdedTypologies;

    public IReadOnlyList<string> Payers => PayerTypologies ?? DefaultPayerTypologies;
}

/// <summary>Who is listed as a confiscation candidate.</summary>
public sealed record CandidateSettings(decimal MinBenefit, double MinEvidence, int MaxListed);

/// <summary>How sure we are that a subject owns what a party of its network holds, by the kind of link.</summary>
public sealed record OwnershipConfidence(double Own, double CompanyDirected, double StrawManPaidAssets, double CompanyOfStrawMan, double HerdedMule = 0.6);

/// <summary>
/// The settings of the confiscation side — the living-cost norm table and every threshold — read from a JSON file
/// (<c>config/confiscation.json</c> is the shipped default), never constants in the engine.
/// </summary>
public sealed record ConfiscationOptions
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public required string Household { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> LivingCostNorms { get; init; }

    public required AttributionSettings Attribution { get; init; }

    public required CandidateSettings Candidates { get; init; }

    public required OwnershipConfidence OwnershipConfidence { get; init; }

    public required IReadOnlyDictionary<string, AssetKindSettings> Assets { get; init; }

    public IReadOnlyList<string> ShamLiabilityKinds { get; init; } = [];

    /// <summary>The norm table in the shape <see cref="Confiscation.LivingCostNorms"/> takes.</summary>
    public LivingCostNorms Norms() => new(LivingCostNorms
        .SelectMany(h => h.Value.Select(y => (Key: (h.Key, int.Parse(y.Key, CultureInfo.InvariantCulture)), y.Value)))
        .ToDictionary(x => x.Key, x => x.Value));

    public AssetKindSettings KindSettings(string kind) =>
        Assets.TryGetValue(kind, out var settings) ? settings : new AssetKindSettings("unknown", 0.5);

    public static ConfiscationOptions Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException(path, "confiscation settings file not found");
        }

        ConfiscationOptions? options;
        try
        {
            options = JsonSerializer.Deserialize<ConfiscationOptions>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException(path, $"not valid confiscation settings: {ex.Message}");
        }

        return (options ?? throw new InvalidInputException(path, "empty settings file")).Validated(path);
    }

    /// <summary>The shipped settings: <c>confiscation.json</c> next to the program, else <c>config/confiscation.json</c> above the working directory.</summary>
    public static ConfiscationOptions LoadDefault()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "confiscation.json");
        if (File.Exists(beside))
        {
            return Load(beside);
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "config", "confiscation.json");
            if (File.Exists(candidate))
            {
                return Load(candidate);
            }
        }

        throw new InvalidInputException("confiscation.json", "no confiscation settings found (give --config FILE)");
    }

    private ConfiscationOptions Validated(string path)
    {
        void Fail(string field, string why) => throw new InvalidInputException(path, $"{field}: {why}");

        if (!LivingCostNorms.ContainsKey(Household))
        {
            Fail("household", $"'{Household}' has no entry in living_cost_norms");
        }

        foreach (var (household, years) in LivingCostNorms)
        {
            foreach (var (year, amount) in years)
            {
                if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 1900 or > 2200)
                {
                    Fail($"living_cost_norms.{household}", $"'{year}' is not a year");
                }

                if (amount < 0)
                {
                    Fail($"living_cost_norms.{household}.{year}", "a norm cannot be negative");
                }
            }
        }

        if (Attribution.MinFlowShare is <= 0 or > 1)
        {
            Fail("attribution.min_flow_share", "must be in (0, 1]");
        }

        if (Attribution.Herded.FirstOrDefault(t => !Typologies.All.Contains(t)) is { } unknown)
        {
            Fail("attribution.herded_typologies", $"'{unknown}' is not a typology");
        }

        if (Attribution.Payers.FirstOrDefault(t => !Typologies.All.Contains(t)) is { } notPayer)
        {
            Fail("attribution.payer_typologies", $"'{notPayer}' is not a typology");
        }

        if (Candidates.MinBenefit < 0 || Candidates.MinEvidence is < 0 or > 1 || Candidates.MaxListed < 1)
        {
            Fail("candidates", "min_benefit ≥ 0, min_evidence in [0, 1] and max_listed ≥ 1 are required");
        }

        foreach (var (kind, settings) in Assets)
        {
            if (settings.DissipationRisk is < 0 or > 1 || string.IsNullOrWhiteSpace(settings.Liquidity))
            {
                Fail($"assets.{kind}", "needs a liquidity class and a dissipation_risk in [0, 1]");
            }
        }

        var c = OwnershipConfidence;
        if (new[] { c.Own, c.CompanyDirected, c.StrawManPaidAssets, c.CompanyOfStrawMan, c.HerdedMule }.Any(v => v is < 0 or > 1))
        {
            Fail("ownership_confidence", "every value must be in [0, 1]");
        }

        return this;
    }
}
