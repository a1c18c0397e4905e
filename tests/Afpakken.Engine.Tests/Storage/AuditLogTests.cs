using Afpakken.Engine.Storage;
using Afpakken.Engine.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Afpakken.Engine.Tests.Storage;

public sealed class AuditLogTests : IDisposable
{
    private readonly string _dir = Some.TempDirectory();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<(SqliteStore, AuditLog)> LogWithThreeEntriesAsync()
    {
        var store = await SqliteStore.OpenAsync(new DataLayout(Path.Combine(_dir, "data")));
        var log = new AuditLog(store, TimeProvider.System);
        await log.AppendAsync("jansen", "prosecutor", "consult", "asset overview of party P1", "ZAAK-1", "confiscation", null, CancellationToken.None);
        await log.AppendAsync("de vries", "analyst", "consult", "alerts page 1", null, "triage", null, CancellationToken.None);
        await log.AppendAsync("jansen", "prosecutor", "disclose", "asset overview of party P1", "ZAAK-1", "confiscation", "rechtbank", CancellationToken.None);
        return (store, log);
    }

    private static async Task ExecuteAsync(SqliteStore store, string sql)
    {
        await using var connection = await store.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Entries_are_chained_and_the_chain_verifies()
    {
        var (_, log) = await LogWithThreeEntriesAsync();

        var entries = await log.ReadAsync(CancellationToken.None);

        Assert.Equal([1L, 2L, 3L], entries.Select(e => e.Sequence));
        Assert.Equal(AuditLog.Genesis, entries[0].PreviousHash);
        Assert.Equal(entries[0].Hash, entries[1].PreviousHash);
        Assert.Equal(entries[1].Hash, entries[2].PreviousHash);
        Assert.Equal(("ZAAK-1", "rechtbank"), (entries[2].CaseNumber, entries[2].Recipient));
        Assert.Null(await log.VerifyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Updates_and_deletes_are_refused()
    {
        var (store, _) = await LogWithThreeEntriesAsync();

        var update = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(store, "UPDATE audit_log SET user = 'x' WHERE seq = 2"));
        var delete = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(store, "DELETE FROM audit_log WHERE seq = 2"));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_or_removing_an_entry_behind_the_triggers_breaks_the_chain()
    {
        var (store, log) = await LogWithThreeEntriesAsync();
        await ExecuteAsync(store, "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; UPDATE audit_log SET what = 'nothing' WHERE seq = 2");

        Assert.Equal((2L, "was changed after it was written"), await log.VerifyAsync(CancellationToken.None));

        await ExecuteAsync(store, "DROP TRIGGER IF EXISTS audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2");
        Assert.Equal((2L, "entry 2 is missing"), await log.VerifyAsync(CancellationToken.None));
    }
}
