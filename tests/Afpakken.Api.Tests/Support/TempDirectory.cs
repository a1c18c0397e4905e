namespace Afpakken.Api.Tests.Support;

internal static class TempDirectory
{
    public static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // SQLite pools may still hold a handle for a moment; the OS temp cleaner gets the rest.
        }
    }
}
