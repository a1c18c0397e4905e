using System.Security.Cryptography;

namespace Afpakken.Engine.Ingest;

/// <summary>The SHA-256 of a file's bytes, hex: the ledger's key, so that the same content is loaded once whatever its name.</summary>
internal static class ContentHash
{
    public static async Task<string> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
