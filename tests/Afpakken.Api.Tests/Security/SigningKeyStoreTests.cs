using Afpakken.Api.Tests.Support;
using Afpakken.Engine.Security;

namespace Afpakken.Api.Tests.Security;

public sealed class SigningKeyStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("afpakken-keys-").FullName;

    [Fact]
    public void Without_a_configured_key_a_development_key_is_created_once_and_reused()
    {
        var file = Path.Combine(_dir, "nested", "dev-signing.key");

        var first = new SigningKeyStore(null, file).Key.Key;
        var second = new SigningKeyStore("", file).Key.Key;

        Assert.Equal(32, first.Length);
        Assert.Equal(first, second);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public void A_configured_key_wins_and_no_file_is_written()
    {
        var file = Path.Combine(_dir, "dev-signing.key");

        var key = new SigningKeyStore(TestKeys.SigningKeyBase64, file).Key.Key;

        Assert.Equal(TestKeys.SigningKey.Key, key);
        Assert.False(File.Exists(file));
    }

    [Theory]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64!")]
    public void A_short_or_malformed_configured_key_is_refused(string configured)
    {
        var store = new SigningKeyStore(configured, Path.Combine(_dir, "unused.key"));

        var error = Assert.Throws<InvalidOperationException>(() => store.Key);
        Assert.Contains("Auth:SigningKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_file_follows_XDG_DATA_HOME()
    {
        Assert.EndsWith(Path.Combine("afpakken", "dev-signing.key"), SigningKeyStore.DefaultKeyFile(), StringComparison.Ordinal);
    }

    public void Dispose() => TempDirectory.TryDelete(_dir);
}
