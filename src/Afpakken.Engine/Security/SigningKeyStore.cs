using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Afpakken.Engine.Security;

/// <summary>
/// The HMAC-SHA256 key that signs and validates development tokens: the configured key when set,
/// otherwise a key generated once per user with a CSPRNG and kept in a file only that user can read.
/// </summary>
public sealed class SigningKeyStore
{
    public const int MinimumKeyBytes = 32;

    private readonly Lazy<SymmetricSecurityKey> _key;

    public SigningKeyStore(string? configuredKeyBase64, string? developmentKeyFile = null)
    {
        KeyFile = string.IsNullOrWhiteSpace(developmentKeyFile) ? DefaultKeyFile() : Path.GetFullPath(developmentKeyFile);
        _key = new Lazy<SymmetricSecurityKey>(
            () => new SymmetricSecurityKey(string.IsNullOrWhiteSpace(configuredKeyBase64)
                ? LoadOrCreateDevelopmentKey(KeyFile)
                : Decode(configuredKeyBase64, $"{AuthOptions.SectionName}:SigningKey")));
    }

    public SigningKeyStore(AuthOptions options)
        : this(options.SigningKey, options.DevelopmentKeyFile)
    {
    }

    /// <summary>The development key file used when no key is configured.</summary>
    public string KeyFile { get; }

    public SymmetricSecurityKey Key => _key.Value;

    /// <summary><c>$XDG_DATA_HOME/afpakken/dev-signing.key</c>, else <c>~/.local/share/afpakken/dev-signing.key</c>.</summary>
    public static string DefaultKeyFile()
    {
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrWhiteSpace(dataHome))
        {
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(dataHome, "afpakken", "dev-signing.key");
    }

    private static byte[] LoadOrCreateDevelopmentKey(string file)
    {
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var writer = new StreamWriter(file, options);
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumKeyBytes)));
            }
            catch (IOException) when (File.Exists(file))
            {
                // Another process (API and CLI started together) created it first: use theirs.
            }
        }

        // A writer that lost the race may still be writing; a short retry beats a half-read key.
        for (var attempt = 0; ; attempt++)
        {
            var text = File.ReadAllText(file).Trim();
            if (text.Length > 0 || attempt == 20)
            {
                return Decode(text, file);
            }

            Thread.Sleep(50);
        }
    }

    private static byte[] Decode(string base64, string source)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"{source}: the signing key is not valid base64.", ex);
        }

        return key.Length >= MinimumKeyBytes
            ? key
            : throw new InvalidOperationException($"{source}: the signing key has {key.Length} bytes; at least {MinimumKeyBytes} are needed.");
    }
}
