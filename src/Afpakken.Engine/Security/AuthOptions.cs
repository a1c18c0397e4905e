namespace Afpakken.Engine.Security;

/// <summary>Token settings, bound from the <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>
    /// Base64 HMAC-SHA256 key of at least 32 bytes. When empty, a per-user development key file is used
    /// (see <see cref="SigningKeyStore"/>), so that API and CLI on one machine agree without a committed secret.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Overrides where the development key file lives; empty means the user-level default.</summary>
    public string? DevelopmentKeyFile { get; set; }
}
