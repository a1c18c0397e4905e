namespace Afpakken.Engine.Generation;

/// <summary>One planted operation while it is being planned: its transfers go to the day buckets, its facts stay here.</summary>
internal sealed class PlannedOperation(int ordinal, string typology, int principal)
{
    private readonly HashSet<int> _seen = [];

    public string PatternId { get; } = $"OP{ordinal:D6}";
    public string Typology { get; } = typology;
    public int Principal { get; } = principal;
    public int Focus { get; set; } = -1;
    public List<int> Accounts { get; } = [];
    public int TxCount { get; set; }
    public long TotalCents { get; set; }

    /// <summary>The proceeds this operation launders for its principal (what entered it).</summary>
    public long LaunderedCents { get; set; }

    public long FirstTicks { get; set; } = long.MaxValue;
    public long LastTicks { get; set; } = long.MinValue;

    public void Touch(int account)
    {
        if (account >= 0 && _seen.Add(account))
        {
            Accounts.Add(account);
        }
    }
}

/// <summary>A criminal principal: a person with a normal life, a front company, straw men and operations.</summary>
internal sealed class Principal(int party, int personalAccount, int frontAccount)
{
    public int Party { get; } = party;
    public int PersonalAccount { get; } = personalAccount;
    public int FrontAccount { get; } = frontAccount;
    public List<int> StrawMen { get; } = [];
    public List<int> Operations { get; } = [];
    public long ProceedsCents { get; set; }
}

/// <summary>An asset the world registers; straw-man assets name the transfer that paid for them.</summary>
internal sealed class PlannedAsset
{
    public required string Kind { get; init; }
    public required int Owner { get; init; }
    public required DateOnly AcquiredAt { get; init; }
    public required long PriceCents { get; init; }
    public long ValueCents { get; init; }
    public long LiabilityCents { get; init; }
    public string? LiabilityKind { get; init; }
    public required string ValuationBasis { get; init; }
    public string? Description { get; init; }
    public string? PaidFromTxId { get; set; }
}

/// <summary>Everything laundering adds to the world: operations, principals, their transfers per day, straw-man assets.</summary>
internal sealed class LaunderingPlan
{
    public LaunderingPlan()
    {
        ByDay = new List<PlannedTransfer>[WorldCalendar.Days];
        for (var d = 0; d < ByDay.Length; d++)
        {
            ByDay[d] = [];
        }
    }

    public List<PlannedTransfer>[] ByDay { get; }
    public List<PlannedOperation> Operations { get; } = [];
    public List<Principal> Principals { get; } = [];
    public List<PlannedAsset> Assets { get; } = [];

    /// <summary>Laundering companies that also trade like ordinary businesses: the principals' fronts and the cash fronts.</summary>
    public List<int> TradingFronts { get; } = [];

    /// <summary>Accounts from this index on exist only for laundering (mules, shells, foreign counterparts).</summary>
    public int DedicatedAccountStart { get; set; }

    public long TransferCount { get; set; }
}
