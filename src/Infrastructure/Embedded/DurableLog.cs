using System.Buffers;
using System.Threading.Channels;
using Microsoft.Win32.SafeHandles;
using Pinterest.Modular.Infrastructure.ObjectStore;

namespace Pinterest.Modular.Infrastructure.Embedded;

/// <summary>
/// One append-only partition file. An append is acknowledged only after its bytes are fsynced; concurrent
/// appends are batched by a single writer loop into one write and one fsync per group (group commit).
/// Readers use their own handle and never see bytes that are not yet on disk.
/// </summary>
public sealed class DurableLog : IDisposable, IAsyncDisposable
{
    /// <summary>One byte position is kept in memory for every this many records.</summary>
    public const int IndexInterval = 256;

    /// <summary>A group stops growing at this size, so one slow fsync does not hold megabytes of acks.</summary>
    private const int MaxGroupBytes = 4 * 1024 * 1024;

    private const int ReadBufferSize = 64 * 1024;
    private const int ScanBufferSize = 1024 * 1024;

    private readonly FileStream _lockFile;
    private readonly FileStream _writeStream;
    private readonly SafeFileHandle _readHandle;
    private readonly TimeProvider _time;
    private readonly Channel<AppendRequest> _requests =
        Channel.CreateUnbounded<AppendRequest>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Lock _state = new();
    private readonly List<long> _index = [];

    // Where the last Read stopped: a follower's next read (the sink, a stream worker) starts there rather than at the
    // index entry before it, which would mean reading and checking up to IndexInterval frames again for every few new ones.
    private (long Offset, long Position) _readHint = (-1, 0);
    private long _nextOffset;
    private long _durableLength;
    private TaskCompletionSource _dataArrived = NewSignal();

    private ArrayBufferWriter<byte> _frames = new(64 * 1024);
    private volatile Exception? _fault;
    private long _commitCount;
    private int _disposed;
    private readonly Task _writerLoop;

    private DurableLog(string filePath, FileStream lockFile, FileStream writeStream, SafeFileHandle readHandle, TimeProvider time)
    {
        FilePath = filePath;
        _lockFile = lockFile;
        _writeStream = writeStream;
        _readHandle = readHandle;
        _time = time;
        Recover();
        _writerLoop = Task.Run(RunWriterLoopAsync);
    }

    public string FilePath { get; }

    /// <summary>The offset the next appended record gets; every offset below it is on disk.</summary>
    public long NextOffset
    {
        get
        {
            lock (_state)
            {
                return _nextOffset;
            }
        }
    }

    /// <summary>How many bytes of a torn or corrupt tail <see cref="Open"/> cut off.</summary>
    public long TruncatedBytes { get; private set; }

    /// <summary>How many group commits (write + fsync) this instance has made; diagnostics and tests.</summary>
    public long CommitCount => Interlocked.Read(ref _commitCount);

    /// <summary>
    /// Opens (or creates) the log at <paramref name="path"/>, takes its exclusive lock file
    /// (<c>&lt;path&gt;.lock</c>), and cuts off a torn tail so the next append starts clean.
    /// </summary>
    /// <exception cref="LogLockedException">Another writer holds the lock file.</exception>
    public static DurableLog Open(string path, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        var lockFile = AcquireLock(fullPath);
        var created = !File.Exists(fullPath);
        FileStream? writeStream = null;
        SafeFileHandle? readHandle = null;
        try
        {
            writeStream = new FileStream(fullPath, new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.Write,
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 0,
            });
            readHandle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (created)
            {
                // The new file's directory entry (and its folder's) must be durable before any append is acknowledged.
                DirectorySync.Flush(directory);
                DirectorySync.Flush(Path.GetDirectoryName(directory)!);
            }

            return new DurableLog(fullPath, lockFile, writeStream, readHandle, timeProvider ?? TimeProvider.System);
        }
        catch
        {
            readHandle?.Dispose();
            writeStream?.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Appends the payloads as consecutive records and returns their offsets once they are on disk.
    /// The payload memory must stay unchanged until the returned task completes. Cancellation takes effect
    /// only while the request still waits for its group; after that the append completes.
    /// </summary>
    public Task<long[]> AppendAsync(IReadOnlyList<ReadOnlyMemory<byte>> payloads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_fault is { } fault)
        {
            return Task.FromException<long[]>(fault);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<long[]>(cancellationToken);
        }

        if (payloads.Count == 0)
        {
            return Task.FromResult(Array.Empty<long>());
        }

        var copy = new ReadOnlyMemory<byte>[payloads.Count];
        long bytes = 0;
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = payloads[i];
            if (copy[i].Length > LogFrame.MaxPayloadSize)
            {
                throw new ArgumentException(
                    $"Record {i} has {copy[i].Length} bytes; a log record holds at most {LogFrame.MaxPayloadSize}.",
                    nameof(payloads));
            }

            bytes += LogFrame.SizeOf(copy[i].Length);
        }

        var request = new AppendRequest(copy, bytes, cancellationToken);
        if (!_requests.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(GetType().FullName, $"The log '{FilePath}' is closed.");
        }

        return request.Completion.Task;
    }

    /// <summary>Up to <paramref name="maxRecords"/> durable records starting at <paramref name="fromOffset"/>.</summary>
    public IReadOnlyList<LogEntry> Read(long fromOffset, int maxRecords)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromOffset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecords);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        long next, end, position, offset;
        lock (_state)
        {
            next = _nextOffset;
            end = _durableLength;
            if (fromOffset >= next)
            {
                return [];
            }

            if (_readHint.Offset == fromOffset)
            {
                (offset, position) = _readHint;
            }
            else
            {
                var slot = (int)(fromOffset / IndexInterval);
                position = _index[slot];
                offset = (long)slot * IndexInterval;
            }
        }

        var wanted = (int)Math.Min(maxRecords, next - fromOffset);
        var entries = new List<LogEntry>(wanted);
        // A follower reads a few new records at a time: a buffer sized to what is there, not a fixed 64 KiB, keeps that
        // from allocating far more than it reads (the cursor grows the buffer for a frame that does not fit).
        var bufferSize = (int)Math.Clamp(end - position, LogFrame.HeaderSize, ReadBufferSize);
        var cursor = new FrameCursor(_readHandle, position, end, bufferSize);
        while (entries.Count < wanted)
        {
            if (cursor.Next(out var appendedAt, out var payload) != FrameStatus.Valid)
            {
                throw new InvalidDataException(
                    $"The log '{FilePath}' is corrupt at byte {cursor.Position} (offset {offset}); it was intact when opened.");
            }

            if (offset >= fromOffset)
            {
                entries.Add(new LogEntry(offset, DateTimeOffset.FromUnixTimeMilliseconds(appendedAt), payload.ToArray()));
            }

            offset++;
        }

        lock (_state)
        {
            _readHint = (offset, cursor.Position);
        }

        return entries;
    }

    /// <summary>Completes once <see cref="NextOffset"/> is greater than <paramref name="offset"/>.</summary>
    public async Task WaitForDataAsync(long offset, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task signal;
            lock (_state)
            {
                if (_nextOffset > offset)
                {
                    return;
                }

                signal = _dataArrived.Task;
            }

            await signal.WaitAsync(cancellationToken);
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Lets queued appends finish, flushes, closes the files and releases the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _requests.Writer.TryComplete();
        await _writerLoop;

        TaskCompletionSource signal;
        lock (_state)
        {
            signal = _dataArrived;
        }

        signal.TrySetException(new ObjectDisposedException(GetType().FullName, $"The log '{FilePath}' is closed."));
        try
        {
            if (_fault is null)
            {
                _writeStream.Flush(flushToDisk: true);
            }
        }
        finally
        {
            await _writeStream.DisposeAsync();
            _readHandle.Dispose();
            await _lockFile.DisposeAsync();
        }
    }

    private static FileStream AcquireLock(string logPath)
    {
        var lockPath = logPath + ".lock";
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock) that the OS drops when the process dies,
            // so a killed writer never leaves a stale lock behind.
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new LogLockedException(
                $"The log '{logPath}' is already open for writing (lock file '{lockPath}' is held by another process or " +
                $"instance). Only one pipeline may use the directory '{Path.GetDirectoryName(logPath)}' at a time.",
                ex);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Builds the sparse index and cuts off whatever follows the last whole, CRC-valid frame.</summary>
    private void Recover()
    {
        var length = RandomAccess.GetLength(_readHandle);
        var cursor = new FrameCursor(_readHandle, 0, length, ScanBufferSize);
        long offset = 0;
        while (true)
        {
            var position = cursor.Position;
            if (cursor.Next(out _, out _) != FrameStatus.Valid)
            {
                break;
            }

            if (offset % IndexInterval == 0)
            {
                _index.Add(position);
            }

            offset++;
        }

        var validLength = cursor.Position;
        if (validLength < length)
        {
            _writeStream.SetLength(validLength);
            _writeStream.Flush(flushToDisk: true);
            TruncatedBytes = length - validLength;
        }

        _writeStream.Position = validLength;
        _nextOffset = offset;
        _durableLength = validLength;
    }

    private async Task RunWriterLoopAsync()
    {
        var reader = _requests.Reader;
        var group = new List<AppendRequest>();
        AppendRequest? carried = null;
        while (carried is not null || await reader.WaitToReadAsync())
        {
            group.Clear();
            long groupBytes = 0;
            if (carried is not null)
            {
                group.Add(carried);
                groupBytes = carried.Bytes;
                carried = null;
            }

            while (reader.TryRead(out var request))
            {
                if (group.Count > 0 && groupBytes + request.Bytes > MaxGroupBytes)
                {
                    carried = request;
                    break;
                }

                group.Add(request);
                groupBytes += request.Bytes;
            }

            try
            {
                CommitGroup(group);
            }
            catch (Exception ex)
            {
                // Anything unexpected leaves the file in an unknown state: refuse further appends, never hang callers.
                _fault = new IOException($"The log '{FilePath}' stopped after an unexpected error; reopen it.", ex);
                group.ForEach(r => r.Completion.TrySetException(_fault));
            }
        }
    }

    private void CommitGroup(List<AppendRequest> group)
    {
        if (_fault is { } fault)
        {
            group.ForEach(r => r.Completion.TrySetException(fault));
            return;
        }

        group.RemoveAll(r =>
        {
            if (!r.CancellationToken.IsCancellationRequested)
            {
                return false;
            }

            r.Completion.TrySetCanceled(r.CancellationToken);
            return true;
        });
        if (group.Count == 0)
        {
            return;
        }

        var appendedAt = _time.GetUtcNow().ToUnixTimeMilliseconds();
        _frames.ResetWrittenCount();
        foreach (var request in group)
        {
            foreach (var payload in request.Payloads)
            {
                LogFrame.Write(_frames, appendedAt, payload.Span);
            }
        }

        long start;
        lock (_state)
        {
            start = _durableLength;
        }

        try
        {
            _writeStream.Write(_frames.WrittenSpan);
            _writeStream.Flush(flushToDisk: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            RollBack(start);
            var error = new IOException($"Could not append to the log '{FilePath}': {ex.Message}", ex);
            group.ForEach(r => r.Completion.TrySetException(error));
            return;
        }

        Interlocked.Increment(ref _commitCount);
        Publish(group, start);
        if (_frames.Capacity > 2 * MaxGroupBytes)
        {
            _frames = new ArrayBufferWriter<byte>(64 * 1024);
        }
    }

    /// <summary>Makes a written group visible to readers and acknowledges it.</summary>
    private void Publish(List<AppendRequest> group, long start)
    {
        var results = new long[group.Count][];
        TaskCompletionSource signal;
        lock (_state)
        {
            var position = start;
            for (var g = 0; g < group.Count; g++)
            {
                var payloads = group[g].Payloads;
                var offsets = new long[payloads.Length];
                for (var i = 0; i < payloads.Length; i++)
                {
                    if (_nextOffset % IndexInterval == 0)
                    {
                        _index.Add(position);
                    }

                    offsets[i] = _nextOffset++;
                    position += LogFrame.SizeOf(payloads[i].Length);
                }

                results[g] = offsets;
            }

            _durableLength = position;
            signal = _dataArrived;
            _dataArrived = NewSignal();
        }

        signal.TrySetResult();
        for (var g = 0; g < group.Count; g++)
        {
            group[g].Completion.TrySetResult(results[g]);
        }
    }

    /// <summary>Cuts a half-written group off again; if even that fails, the log refuses further appends.</summary>
    private void RollBack(long durableLength)
    {
        try
        {
            _writeStream.SetLength(durableLength);
            _writeStream.Position = durableLength;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            _fault = new IOException($"The log '{FilePath}' could not be repaired after a failed write; reopen it.", ex);
        }
    }

    private sealed class AppendRequest(ReadOnlyMemory<byte>[] payloads, long bytes, CancellationToken cancellationToken)
    {
        public ReadOnlyMemory<byte>[] Payloads { get; } = payloads;

        public long Bytes { get; } = bytes;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<long[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
