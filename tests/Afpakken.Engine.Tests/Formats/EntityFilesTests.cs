using Afpakken.Engine.Contract;
using Afpakken.Engine.Formats;

namespace Afpakken.Engine.Tests.Formats;

public sealed class EntityFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("afpakken-entities-").FullName;

    private static readonly Account[] Accounts =
    [
        new("NL91ABNA0417164300", "P1", "ABNA", new DateOnly(2001, 2, 3), null, "personal"),
        new("DE89370400440532013000", "P2", "DEUT", new DateOnly(2019, 12, 31), new DateOnly(2025, 6, 30), "business"),
    ];

    private static readonly Party[] Parties =
    [
        new("P1", "person", "Jan de Vries", new DateOnly(1970, 5, 17), null, "Kerkstraat 1, 1000 AA Amsterdam", "+31612345678", "jan@example.nl", null, null, null),
        new("P2", "company", "Bakker, \"Brood\" B.V.", null, "12345678", null, null, null, "1071", "cash_intensive_business", "P1;P3"),
    ];

    private static readonly Asset[] Assets =
    [
        new("A1", "vehicle", "P1", new DateOnly(2024, 3, 1), 45_000.50m, 38_250.43m, "catalogue", new DateOnly(2025, 12, 31), 0m, null, "T0000000007", "none", "Auto"),
        new("A2", "real_estate", "P2", new DateOnly(2010, 1, 1), 350_000m, 455_000m, "WOZ", new DateOnly(2025, 12, 31), 210_000m, "mortgage", null, "seized", null),
    ];

    private static readonly LegalIncome[] Income = [new("P1", 2024, 41_234.56m, "wages"), new("P1", 2025, 0.01m, "benefits")];

    [Theory]
    [InlineData(FileFormat.Parquet)]
    [InlineData(FileFormat.Arrow)]
    [InlineData(FileFormat.Csv)]
    public async Task Entity_files_round_trip_to_equal_records(FileFormat format)
    {
        string P(string name) => TableFiles.PathOf(_dir, name, format);
        await EntityFiles.WriteAccountsAsync(Accounts, P("accounts"), format);
        await EntityFiles.WritePartiesAsync(Parties, P("parties"), format);
        await EntityFiles.WriteAssetsAsync(Assets, P("assets"), format);
        await EntityFiles.WriteIncomeAsync(Income, P("income"), format);

        Assert.Equal(Accounts, await EntityFiles.ReadAccountsAsync(P("accounts")));
        Assert.Equal(Parties, await EntityFiles.ReadPartiesAsync(P("parties")));
        Assert.Equal(Assets, await EntityFiles.ReadAssetsAsync(P("assets")));
        Assert.Equal(Income, await EntityFiles.ReadIncomeAsync(P("income")));
    }

    [Fact]
    public async Task Parquet_entity_files_use_the_contract_schema()
    {
        var path = Path.Combine(_dir, "assets.parquet");
        await EntityFiles.WriteAssetsAsync(Assets, path, FileFormat.Parquet);
        await using var reader = await Parquet.ParquetReader.CreateAsync(path, new Parquet.ParquetOptions { UseDateOnlyTypeForDates = true });
        var schema = reader.Schema;
        Assert.Equal(AssetSchema.Parquet.DataFields.Select(f => f.Name), schema.DataFields.Select(f => f.Name));
        var price = Assert.IsType<Parquet.Schema.DecimalDataField>(schema.DataFields.Single(f => f.Name == AssetSchema.AcquisitionPrice));
        Assert.Equal((18, 2), (price.Precision, price.Scale));
        Assert.Equal(typeof(DateOnly), schema.DataFields.Single(f => f.Name == AssetSchema.AcquiredAt).ClrType);
    }

    public void Dispose() => Directory.Delete(_dir, true);
}
