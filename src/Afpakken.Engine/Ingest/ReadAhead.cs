using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// Decodes the next batch on another core while the caller works on the current one: a producer task feeds a
/// channel of one batch (bounded, so memory stays flat). A failure in the producer surfaces to the caller as is.
/// </summary>
internal static class ReadAhead
{
    public static async IAsyncEnumerable<T> Run<T>(
        Func<CancellationToken, IAsyncEnumerable<T>> source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var taken = new SemaphoreSlim(0);
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in source(stop.Token))
                {
                    await channel.Writer.WriteAsync(item, stop.Token);

                    // Decode the next batch only once the consumer holds this one: two batches live, never three.
                    await taken.WaitAsync(stop.Token);
                }

                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                channel.Writer.Complete(ex);
            }
        }, CancellationToken.None);

        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await channel.Reader.WaitToReadAsync(cancellationToken);
                }
                catch (ChannelClosedException closed) when (closed.InnerException is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(closed.InnerException).Throw();
                    throw;
                }

                if (!more)
                {
                    break;
                }

                while (channel.Reader.TryRead(out var item))
                {
                    taken.Release();
                    yield return item;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }
    }
}
