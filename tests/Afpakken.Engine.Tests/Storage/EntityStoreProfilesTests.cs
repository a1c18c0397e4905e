using Afpakken.Engine.Contract;
using Afpakken.Engine.Detection;
using Afpakken.Engine.Storage;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Storage;

public sealed class EntityStoreProfilesTests : IDisposable
{
    private readonly string _dir = Some.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Every_account_has_its_kind_and_its_holders_sector()
    {
        var store = new EntityStore(await SqliteStore.OpenAsync(new DataLayout(_dir)));
        await store.UpsertPartiesAsync(
        [
            new Party("C1", "company", "Snackbar De Hoek", null, "12345678", "Dorpsstraat 1", null, null, "5610", "cash_intensive_business", "P1"),
            new Party("P1", "person", "Jan Jansen", new DateOnly(1970, 1, 1), null, "Dorpsstraat 1", null, null, null, null, null),
        ], "hash", CancellationToken.None);
        await store.UpsertAccountsAsync(
        [
            new Account("NL01BANK0000000001", "C1", "BANK", new DateOnly(2020, 1, 1), null, "business"),
            new Account("NL01BANK0000000002", "P1", "BANK", new DateOnly(2020, 1, 1), null, "personal"),
            new Account("NL01BANK0000000003", "UNKNOWN", "BANK", new DateOnly(2020, 1, 1), null, "business"),
        ], "hash", CancellationToken.None);

        var profiles = new AccountProfiles(await store.AccountProfilesAsync(CancellationToken.None));

        Assert.True(profiles.Known);
        Assert.Equal(("business", "5610"), profiles.ByAccount["NL01BANK0000000001"]);
        Assert.Equal(("personal", null), profiles.ByAccount["NL01BANK0000000002"]);
        Assert.Equal(("business", null), profiles.ByAccount["NL01BANK0000000003"]);
        Assert.False(AccountProfiles.None.Known);
    }
}
