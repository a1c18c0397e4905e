namespace Afpakken.Engine.Reports;

/// <summary>The labels of a report; a label with {0}… placeholders is filled with <see cref="ReportText.Fill"/>.</summary>
internal sealed partial class ReportText
{
    public required string Account { get; init; }

    public required string Acquired { get; init; }

    public required string Alert { get; init; }

    public required string Alerts { get; init; }

    public required string AlertsAndTypologies { get; init; }

    public required string Amount { get; init; }

    public required string Asset { get; init; }

    public required string AssetOverview { get; init; }

    public required string AssetOverviewSummary { get; init; }

    public required string Basis { get; init; }

    public required string Benefit { get; init; }

    public required string CandidateNetwork { get; init; }

    public required string CandidatesListed { get; init; }

    public required string CandidatesNote { get; init; }

    public required string CandidatesTitle { get; init; }

    public required string CaseNumber { get; init; }

    public required string CashSourcesFormula { get; init; }

    public required string CashStatement { get; init; }

    public required string CashStatementNote { get; init; }

    public required string CashUsesFormula { get; init; }

    public required string CashWvvFormula { get; init; }

    public required string Confidence { get; init; }

    public required string Confidential { get; init; }

    public required string Contact { get; init; }

    public required string ControlledAccounts { get; init; }

    public required string ControlledParties { get; init; }

    public required string Controller { get; init; }

    public required string CountedExpenditures { get; init; }

    public required string CountedInNetWorth { get; init; }

    public required string CountedOnceNote { get; init; }

    public required string Counterparty { get; init; }

    public required string Description { get; init; }

    public required string DirectCosts { get; init; }

    public required string DissipationRisk { get; init; }

    public required string Encumbrance { get; init; }

    public required string EndPositions { get; init; }

    public required string EstimatedBenefit { get; init; }

    public required string EstimatedNote { get; init; }

    public required string Evidence { get; init; }

    public required string EvidenceFormula { get; init; }

    public required string EvidenceStrength { get; init; }

    public required string ExpectedRecovery { get; init; }

    public required string FlowsLeftOut { get; init; }

    public required string FlowsShown { get; init; }

    public required string From { get; init; }

    public required string Gross { get; init; }

    public required string Holder { get; init; }

    public required string Identification { get; init; }

    public required string Kind { get; init; }

    public required string LegalIncome { get; init; }

    public required string LegalOwner { get; init; }

    public required string Liabilities { get; init; }

    public required string Liability { get; init; }

    public required string LinkedParties { get; init; }

    public required string LinkedPartiesNote { get; init; }

    public required string Liquidity { get; init; }

    public required string Method { get; init; }

    public required string MoneyFlows { get; init; }

    public required string MoneyFlowsNote { get; init; }

    public required string Name { get; init; }

    public required string Net { get; init; }

    public required string NetRealisable { get; init; }

    public required string NetWorth { get; init; }

    public required string NetWorthChart { get; init; }

    public required string NetWorthChartNote { get; init; }

    public required string NetWorthComparison { get; init; }

    public required string NetWorthFormula { get; init; }

    public required string None { get; init; }

    public required string NotCounted { get; init; }

    public required string Number { get; init; }

    public required string OpeningCash { get; init; }

    public required string Of { get; init; }

    public required string Page { get; init; }

    public required string Party { get; init; }

    public required string Payable { get; init; }

    public required string PayableFormula { get; init; }

    public required string PayableNote { get; init; }

    /// <summary>{0} paid to victims, {1} already forfeited, {2} court reductions.</summary>
    public required string PayableDeducted { get; init; }

    public required string PayingTransactions { get; init; }

    public required string Period { get; init; }

    public required string Proceeds { get; init; }

    public required string ProducedAt { get; init; }

    public required string ProducedBy { get; init; }

    public required string Rank { get; init; }

    public required string Reason { get; init; }

    public required string Reasons { get; init; }

    public required string RecoverableValue { get; init; }

    public required string ReferenceDate { get; init; }

    public required string Review { get; init; }

    public required string RoleAndDirectors { get; init; }

    public required string Run { get; init; }

    public required string Score { get; init; }

    public required string SeizurePriority { get; init; }

    public required string SeizurePriorityNote { get; init; }

    public required string SeizureStatus { get; init; }

    public required string Sensitivity { get; init; }

    public required string ShamLeftOut { get; init; }

    public required string ShamNotDeducted { get; init; }

    public required string Sources { get; init; }

    public required string Status { get; init; }

    public required string StartPositions { get; init; }

    public required string Subject { get; init; }

    public required string SubjectAccount { get; init; }

    public required string SubjectNetwork { get; init; }

    public required string SubjectTitle { get; init; }

    public required string SubjectsConsidered { get; init; }

    public required string To { get; init; }

    public required string Total { get; init; }

    public required string TotalsPerClass { get; init; }

    public required string TransactionFormula { get; init; }

    public required string TransactionMethod { get; init; }

    public required string Transactions { get; init; }

    public required string TriageNote { get; init; }

    public required string UntranslatedNote { get; init; }

    public required string Value { get; init; }

    public required string Wvv { get; init; }

    public required IReadOnlyList<string> ReviewFields { get; init; }
}
