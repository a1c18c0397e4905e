using Afpakken.Engine.Contract;
using Afpakken.Engine.Ingest;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Ingest;

public sealed class ColumnMappingTests : IDisposable
{
    private const string AmlSimMapping = """
        {
          // IBM AMLSim transactions
          "columns": {
            "tx_id": "tran_id", "from_account": "orig_acct", "to_account": "bene_acct", "channel": "tx_type",
            "amount": "base_amt", "booked_at": "tran_timestamp", "is_laundering": "is_sar"
          },
          "defaults": { "currency": "USD" },
          "values": { "channel": { "TRANSFER": "wire", "CASH-IN": "cash_deposit", "CASH-OUT": "cash_withdrawal" } },
          "timestamp_format": "yyyyMMdd HH:mm:ss"
        }
        """;

    private readonly string _dir = Some.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_json_mapping_reads_the_amlsim_layout()
    {
        var mapping = ColumnMappingFile.Load(TestCsv.Write(_dir, "amlsim.json", AmlSimMapping));
        var file = TestCsv.Write(_dir, "transactions.csv", string.Join(
            "\n",
            "tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id",
            "1,101,202,TRANSFER,465.05,20170101 00:00:00,False,-1",
            "2,303,101,CASH-IN,9900,20170102 13:45:10,True,7",
            "3,101,404,PIGEON,1.00,20170103 00:00:00,False,-1",
            "4,101,404,TRANSFER,1.00,2017-01-03,False,-1"));

        var read = await ValidatedRows.ReadAsync(file, mapping);

        Assert.Equal(
            [
                ("1", new DateTime(2017, 1, 1, 0, 0, 0, DateTimeKind.Utc), "101", "202", 465.05m, "USD", Channels.Wire, null, null, null),
                ("2", new DateTime(2017, 1, 2, 13, 45, 10, DateTimeKind.Utc), "303", "101", 9900m, "USD", Channels.CashDeposit, null, null, null),
            ],
            Enumerable.Range(0, read.Rows.Count).Select(read.Row));
        Assert.Equal([(3L, "channel", "unknown channel"), (4L, "booked_at", "missing or unparseable timestamp")], read.Rejected);
        Assert.Equal(new bool?[] { false, true, false, false }, read.Batches.Single().IsLaundering);
    }

    [Theory]
    [InlineData("""{ "colums": {} }""", "mapping has an unknown key 'colums'")]
    [InlineData("""{ "columns": { "amount_eur": "x" } }""", "mapping: 'columns' names unknown field 'amount_eur'")]
    [InlineData("""{ "defaults": { "amount": "1" } }""", "mapping: 'amount' cannot come from a default")]
    [InlineData("""{ "delimiter": ";;" }""", "mapping: 'delimiter' must be one character")]
    public void A_bad_mapping_file_is_named_with_its_problem(string json, string problem)
    {
        var file = TestCsv.Write(_dir, "bad-mapping.json", json);

        var error = Assert.Throws<InvalidInputException>(() => ColumnMappingFile.Load(file));

        Assert.Equal(file, error.Source);
        Assert.StartsWith(problem, error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "columns": { "to_account": "#12" } }""", "mapped column '#12' for 'to_account' is beyond the file's 11 columns")]
    [InlineData("""{ "columns": { "from_account": "Account" } }""", "column 'Account' for 'from_account' appears 2 times; map it by position (e.g. \"#3\")")]
    [InlineData("""{ "columns": { "amount": "Amount Sent" } }""", "mapped column 'Amount Sent' for 'amount' is missing")]
    public async Task A_mapping_that_does_not_fit_the_file_names_the_field_and_the_column(string overrides, string problem)
    {
        var preset = MappingPresets.AmlWorld;
        var extra = ColumnMappingFile.Load(TestCsv.Write(_dir, "extra.json", overrides));
        var mapping = preset with { Columns = new Dictionary<string, string>(preset.Columns.Concat(extra.Columns).GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.Last().Value)) };
        var file = TestCsv.Write(_dir, "amlworld.csv", "Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,Amount Paid,Payment Currency,Payment Format,Is Laundering\n");

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => ValidatedRows.ReadAsync(file, mapping));

        Assert.Equal(file, error.Source);
        Assert.StartsWith(problem, error.Problem, StringComparison.Ordinal);
    }
}
