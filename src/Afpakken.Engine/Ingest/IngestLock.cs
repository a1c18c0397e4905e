using System.Diagnostics;
using System.Globalization;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// One ingest at a time per data directory, across processes: <c>ingest.lock</c> is held open with
/// <see cref="FileShare.None"/> (an exclusive <c>flock</c> on Linux), so the operating system releases it when the
/// holder exits or crashes. Without it two ingests could both miss a tx id the other is loading, and the same file
/// ingested twice at once would share its staging names. Who holds the lock is written beside it
/// (<c>ingest.lock.holder</c>), so that a waiting ingest can say whom it waits for.
/// </summary>
internal sealed class IngestLock : IDisposable
{
    public const string FileName = "ingest.lock";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    private readonly FileStream _lock;

    private IngestLock(FileStream @lock) => _lock = @lock;

    /// <summary>Default wait for another ingest of the same data directory to finish.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Takes the lock of <paramref name="dataRoot"/>, waiting up to <paramref name="timeout"/>; <paramref name="waiting"/>
    /// is told the holder once, when the lock is found taken.
    /// </summary>
    /// <exception cref="IngestLockTimeoutException">The lock was still held when the timeout passed.</exception>
    public static async Task<IngestLock> AcquireAsync(
        string dataRoot, string file, TimeSpan timeout, Action<string>? waiting, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataRoot);
        var path = Path.Combine(dataRoot, FileName);
        var clock = Stopwatch.StartNew();
        var told = false;
        while (true)
        {
            if (TryOpen(path) is { } stream)
            {
                WriteHolder(path, file);
                return new IngestLock(stream);
            }

            var holder = ReadHolder(path);
            if (clock.Elapsed >= timeout)
            {
                throw new IngestLockTimeoutException(dataRoot, holder, timeout);
            }

            if (!told)
            {
                told = true;
                waiting?.Invoke(holder);
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }

    private static FileStream? TryOpen(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void WriteHolder(string lockPath, string file)
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"process {Environment.ProcessId} on {Environment.MachineName}, ingesting {file} since {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}");
        var aside = lockPath + ".holder.tmp";
        File.WriteAllText(aside, text);
        File.Move(aside, lockPath + ".holder", overwrite: true);
    }

    private static string ReadHolder(string lockPath)
    {
        try
        {
            return File.ReadAllText(lockPath + ".holder");
        }
        catch (IOException)
        {
            return "an unknown process";
        }
    }

    /// <summary>Releases the lock; the holder note stays (it names the last holder and is overwritten by the next).</summary>
    public void Dispose() => _lock.Dispose();
}

/// <summary>Another ingest held the data directory's ingest lock for longer than the caller would wait.</summary>
public sealed class IngestLockTimeoutException : TimeoutException
{
    public IngestLockTimeoutException(string dataRoot, string holder, TimeSpan waited)
        : base($"{dataRoot}: another ingest holds the data directory ({holder}); gave up after waiting {waited.TotalSeconds:0} s")
    {
        DataRoot = dataRoot;
        Holder = holder;
    }

    public string DataRoot { get; }

    public string Holder { get; }
}
