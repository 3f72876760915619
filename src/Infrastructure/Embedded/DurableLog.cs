using System.Buffers;
using System.Threading.Channels;
using Microsoft.Win32.SafeHandles;
using Pinterest.Modular.Infrastructure.ObjectStore;

namespace Pinterest.Modular.Infrastructure.Embedded;

/// <summary>
/// One append-only partition log, in segment files (<see cref="LogSegment"/>): appends go to the newest, which is
/// sealed and followed by a new one once it holds <c>segmentBytes</c>. An append is acknowledged only after its bytes
/// are fsynced; concurrent appends are batched by a single writer loop into one write and one fsync per group (group
/// commit). Readers use their own handles and never see bytes that are not yet on disk. Sealed segments whose records
/// have all been consumed (<see cref="MarkProcessed"/>) may be deleted (<see cref="DeleteProcessedSegments"/>);
/// offsets never change, and nothing at or after the processed mark is ever deleted.
/// </summary>
public sealed class DurableLog : IDisposable, IAsyncDisposable
{
    /// <summary>One byte position is kept in memory for every this many records.</summary>
    public const int IndexInterval = 256;

    /// <summary>A group stops growing at this size, so one slow fsync does not hold megabytes of acks.</summary>
    private const int MaxGroupBytes = 4 * 1024 * 1024;

    /// <summary>The size at which a segment is sealed and the next one begun, unless the caller says otherwise.</summary>
    public const long DefaultSegmentBytes = 64L * 1024 * 1024;

    private const int ReadBufferSize = 64 * 1024;
    private const int ScanBufferSize = 1024 * 1024;

    private readonly FileStream _lockFile;
    private readonly TimeProvider _time;
    private readonly long _segmentBytes;

    // Oldest first; the last one takes the appends. Guarded by _state; the list changes only by a roll (writer loop)
    // or a deletion of sealed segments from its front.
    private readonly List<LogSegment> _segments;

    // Only the writer loop (and dispose, after it) uses the write stream; a roll swaps it.
    private FileStream _writeStream;
    private readonly Channel<AppendRequest> _requests =
        Channel.CreateUnbounded<AppendRequest>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Lock _state = new();

    // Where the last Read stopped: a follower's next read (the sink, a stream worker) starts there rather than at the
    // index entry before it, which would mean reading and checking up to IndexInterval frames again for every few new ones.
    private (long Offset, long Position, LogSegment? Segment) _readHint = (-1, 0, null);
    private long _nextOffset;
    private long _processedOffset = -1;
    private TaskCompletionSource _dataArrived = NewSignal();

    private ArrayBufferWriter<byte> _frames = new(64 * 1024);
    private volatile Exception? _fault;
    private long _commitCount;
    private int _disposed;
    private readonly Task _writerLoop;

    private DurableLog(string filePath, FileStream lockFile, List<LogSegment> segments, FileStream writeStream, TimeProvider time, long segmentBytes)
    {
        FilePath = filePath;
        _lockFile = lockFile;
        _segments = segments;
        _writeStream = writeStream;
        _time = time;
        _segmentBytes = segmentBytes;
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

    /// <summary>The first offset still held: records before it were deleted once processed.</summary>
    public long FirstOffset
    {
        get
        {
            lock (_state)
            {
                return _segments[0].BaseOffset;
            }
        }
    }

    /// <summary>The bytes the log's segments hold on disk.</summary>
    public long RetainedBytes
    {
        get
        {
            lock (_state)
            {
                return _segments.Sum(s => s.Length);
            }
        }
    }

    /// <summary>
    /// The bytes of the records at and after the processed mark (to the nearest <see cref="IndexInterval"/> records);
    /// null while no reader has said how far it got.
    /// </summary>
    public long? UnprocessedBytes
    {
        get
        {
            lock (_state)
            {
                if (_processedOffset < 0)
                {
                    return null;
                }

                if (_processedOffset >= _nextOffset)
                {
                    return 0;
                }

                var at = Math.Max(0, SegmentIndexOf(_processedOffset));
                var segment = _segments[at];
                var slot = (int)Math.Max(0, (_processedOffset - segment.BaseOffset) / IndexInterval);
                var bytes = segment.Length - segment.Index[Math.Min(slot, segment.Index.Count - 1)];
                for (var i = at + 1; i < _segments.Count; i++)
                {
                    bytes += _segments[i].Length;
                }

                return bytes;
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
    /// <param name="segmentBytes">The size at which a segment is sealed and a new one begun.</param>
    /// <exception cref="LogLockedException">Another writer holds the lock file.</exception>
    public static DurableLog Open(string path, TimeProvider? timeProvider = null, long segmentBytes = DefaultSegmentBytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentBytes, LogFrame.HeaderSize);
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        var lockFile = AcquireLock(fullPath);
        var segments = new List<LogSegment>();
        FileStream? writeStream = null;
        try
        {
            var found = LogSegment.Find(fullPath);
            var created = found.Count == 0;
            if (created)
            {
                found.Add((0, fullPath));
            }

            foreach (var (baseOffset, segmentPath) in found)
            {
                if (segmentPath == found[^1].Path)
                {
                    writeStream = OpenForWriting(segmentPath);
                }

                segments.Add(new LogSegment(baseOffset, segmentPath, OpenForReading(segmentPath)));
            }

            if (created)
            {
                // The new file's directory entry (and its folder's) must be durable before any append is acknowledged.
                DirectorySync.Flush(directory);
                DirectorySync.Flush(Path.GetDirectoryName(directory)!);
            }

            return new DurableLog(fullPath, lockFile, segments, writeStream!, timeProvider ?? TimeProvider.System, segmentBytes);
        }
        catch
        {
            segments.ForEach(s => s.ReadHandle.Dispose());
            writeStream?.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Says every record before <paramref name="offset"/> has been consumed (landed, or stored with its checkpoint):
    /// the segments wholly before it may be deleted. The mark only moves forward.
    /// </summary>
    public void MarkProcessed(long offset)
    {
        lock (_state)
        {
            _processedOffset = Math.Max(_processedOffset, Math.Min(offset, _nextOffset));
        }
    }

    /// <summary>
    /// Deletes sealed segments, oldest first, whose records are all before the processed mark, while the oldest was
    /// last written before <paramref name="writtenBefore"/> or the log holds more than <paramref name="maxBytes"/>.
    /// The segment taking appends, and any record not yet processed, are never deleted. Returns the bytes deleted.
    /// </summary>
    public long DeleteProcessedSegments(DateTimeOffset writtenBefore, long maxBytes)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var deleted = new List<LogSegment>();
        lock (_state)
        {
            var retained = _segments.Sum(s => s.Length);
            while (_segments.Count > 1 && _processedOffset >= _segments[1].BaseOffset)
            {
                var oldest = _segments[0];
                if (retained <= maxBytes && File.GetLastWriteTimeUtc(oldest.Path) >= writtenBefore.UtcDateTime)
                {
                    break;
                }

                _segments.RemoveAt(0);
                retained -= oldest.Length;
                deleted.Add(oldest);
                if (ReferenceEquals(_readHint.Segment, oldest))
                {
                    _readHint = (-1, 0, null);
                }
            }
        }

        // Outside the lock: no reader reaches these any more (each reads at or after the processed mark).
        foreach (var segment in deleted)
        {
            segment.ReadHandle.Dispose();
            File.Delete(segment.Path);
        }

        if (deleted.Count > 0)
        {
            DirectorySync.Flush(Path.GetDirectoryName(FilePath)!);
        }

        return deleted.Sum(s => s.Length);
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
        LogSegment segment;
        lock (_state)
        {
            if (fromOffset >= _nextOffset)
            {
                return [];
            }

            var at = SegmentIndexOf(fromOffset);
            if (at < 0)
            {
                throw new InvalidOperationException(
                    $"Offset {fromOffset} of the log '{FilePath}' is no longer held: records before {_segments[0].BaseOffset} were deleted once processed.");
            }

            // A read stops at the end of its segment; the next read goes on in the next one.
            segment = _segments[at];
            next = at + 1 < _segments.Count ? _segments[at + 1].BaseOffset : _nextOffset;
            end = segment.Length;
            if (_readHint.Offset == fromOffset && ReferenceEquals(_readHint.Segment, segment))
            {
                (offset, position, _) = _readHint;
            }
            else
            {
                var slot = (int)((fromOffset - segment.BaseOffset) / IndexInterval);
                position = segment.Index[slot];
                offset = segment.BaseOffset + ((long)slot * IndexInterval);
            }
        }

        var wanted = (int)Math.Min(maxRecords, next - fromOffset);
        var entries = new List<LogEntry>(wanted);
        // A follower reads a few new records at a time: a buffer sized to what is there, not a fixed 64 KiB, keeps that
        // from allocating far more than it reads (the cursor grows the buffer for a frame that does not fit).
        var bufferSize = (int)Math.Clamp(end - position, LogFrame.HeaderSize, ReadBufferSize);
        var cursor = new FrameCursor(segment.ReadHandle, position, end, bufferSize);
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
            _readHint = (offset, cursor.Position, segment);
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
            lock (_state)
            {
                _segments.ForEach(s => s.ReadHandle.Dispose());
            }

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

    private static FileStream OpenForWriting(string path) => new(path, new FileStreamOptions
    {
        Mode = FileMode.OpenOrCreate,
        Access = FileAccess.Write,
        Share = FileShare.ReadWrite | FileShare.Delete,
        BufferSize = 0,
    });

    private static SafeFileHandle OpenForReading(string path) =>
        File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    /// <summary>The position in <see cref="_segments"/> of the segment holding <paramref name="offset"/>; -1 before the first.</summary>
    private int SegmentIndexOf(long offset)
    {
        for (var i = _segments.Count - 1; i >= 0; i--)
        {
            if (_segments[i].BaseOffset <= offset)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Builds each segment's sparse index and cuts off whatever follows the last whole, CRC-valid frame of the segment
    /// taking appends (a sealed segment was whole and fsynced before the next began).
    /// </summary>
    private void Recover()
    {
        for (var i = 0; i < _segments.Count; i++)
        {
            var segment = _segments[i];
            var length = RandomAccess.GetLength(segment.ReadHandle);
            var cursor = new FrameCursor(segment.ReadHandle, 0, length, ScanBufferSize);
            var offset = segment.BaseOffset;
            while (true)
            {
                var position = cursor.Position;
                if (cursor.Next(out _, out _) != FrameStatus.Valid)
                {
                    break;
                }

                if ((offset - segment.BaseOffset) % IndexInterval == 0)
                {
                    segment.Index.Add(position);
                }

                offset++;
            }

            var isLast = i == _segments.Count - 1;
            if (!isLast && offset != _segments[i + 1].BaseOffset)
            {
                throw new InvalidDataException(
                    $"The log segment '{segment.Path}' holds records up to offset {offset}, but the next segment starts at {_segments[i + 1].BaseOffset}; the log is damaged.");
            }

            if (segment.Index.Count == 0)
            {
                segment.Index.Add(0); // an empty segment: reads of its first record start at its beginning
            }

            segment.Length = cursor.Position;
            if (isLast)
            {
                if (segment.Length < length)
                {
                    _writeStream.SetLength(segment.Length);
                    _writeStream.Flush(flushToDisk: true);
                    TruncatedBytes = length - segment.Length;
                }

                _writeStream.Position = segment.Length;
                _nextOffset = offset;
            }
        }
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
            start = _segments[^1].Length;
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

        bool full;
        lock (_state)
        {
            full = _segments[^1].Length >= _segmentBytes;
        }

        if (full)
        {
            Roll();
        }
    }

    /// <summary>
    /// Seals the segment taking appends (its bytes are fsynced already) and begins the next, named by the offset it
    /// starts at. If the new file cannot be made, appends go on in the current one and the next commit tries again.
    /// </summary>
    private void Roll()
    {
        long baseOffset;
        lock (_state)
        {
            baseOffset = _nextOffset;
        }

        var path = LogSegment.PathOf(FilePath, baseOffset);
        FileStream? stream = null;
        try
        {
            stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 0,
            });
            var segment = new LogSegment(baseOffset, path, OpenForReading(path));
            segment.Index.Add(0);
            DirectorySync.Flush(Path.GetDirectoryName(FilePath)!); // the new segment's name is durable before it takes appends
            var sealedStream = _writeStream;
            lock (_state)
            {
                _segments.Add(segment);
            }

            _writeStream = stream;
            stream = null;
            sealedStream.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stream?.Dispose();
            if (stream is not null)
            {
                File.Delete(path);
            }
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
            var active = _segments[^1];
            for (var g = 0; g < group.Count; g++)
            {
                var payloads = group[g].Payloads;
                var offsets = new long[payloads.Length];
                for (var i = 0; i < payloads.Length; i++)
                {
                    var inSegment = _nextOffset - active.BaseOffset;
                    if (inSegment % IndexInterval == 0 && inSegment / IndexInterval >= active.Index.Count)
                    {
                        active.Index.Add(position);
                    }

                    offsets[i] = _nextOffset++;
                    position += LogFrame.SizeOf(payloads[i].Length);
                }

                results[g] = offsets;
            }

            active.Length = position;
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
