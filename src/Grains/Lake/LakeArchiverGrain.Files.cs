using AdOrleans.Log;

namespace AdOrleans.Grains.Lake;

/// <summary>
/// The archiver's file work. Order makes it exactly-once: files are written (atomically) before the state that lists
/// them, and removed from the state before they are deleted. A crash in between leaves files the manifest does not
/// list; the next activation deletes them (<see cref="RemoveStrays"/>), and the replay writes their records again.
/// </summary>
public sealed partial class LakeArchiverGrain
{
    /// <summary>How long reading a buffer's records back may wait for the log before the write fails (and is tried again).</summary>
    private static readonly TimeSpan ReadBackTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A buffer is read back and written this many records at a time, one row group each, so that only that many
    /// decoded events and rows are alive at once: a whole 10 s buffer held while it was written survived the young
    /// collections of those moments, and their pauses doubled (docs/benchmarks-ingest.md, session 27).
    /// </summary>
    private const int FlushChunkRows = 4096;

    /// <summary>Writes the buffer as one file per date and channel covering its offset range, then stores offset and manifest.</summary>
    private async Task WriteBufferAsync()
    {
        if (_buffer.Count == 0)
        {
            return;
        }

        var (from, to) = (_buffer[0], _buffer[^1]);
        var now = clock.GetUtcNow();
        var written = await Task.Run(() => WriteFilesAsync(from, to, now));

        await CommitAsync(State.Files.Concat(written).ToList(), to, written);
        _buffer.Clear();
        holds.Release(_partition, CheckpointHolder.Lake);
    }

    /// <summary>The buffer as one file per date and channel, each appended to chunk by chunk and completed once all are in.</summary>
    private async Task<List<LakeFile>> WriteFilesAsync(long from, long to, DateTimeOffset now)
    {
        var files = new Dictionary<(DateOnly Date, string Channel), FlushFile>();
        try
        {
            for (var start = 0; start < _buffer.Count; start += FlushChunkRows)
            {
                var chunk = await ReadBackAsync(start, Math.Min(start + FlushChunkRows, _buffer.Count) - 1);
                foreach (var group in chunk.GroupBy(e => (Date: DateOnly.FromDateTime(e.Event.OccurredAt.UtcDateTime), e.Event.Channel)))
                {
                    if (!files.TryGetValue(group.Key, out var file))
                    {
                        var path = LakePaths.EventsFile(group.Key.Date, group.Key.Channel, _partition, from, to);
                        files[group.Key] = file = new FlushFile(path, AtomicFile.Create(LakePaths.Full(_options.Root, path)));
                    }

                    var rows = group.Select(e => EventRow.From(e.Record, e.Event)).ToList();
                    await ParquetRows.AppendRowGroupAsync(file.Writer.Stream, rows, append: file.Rows > 0);
                    file.Rows += rows.Count;
                }
            }

            var written = new List<LakeFile>(files.Count);
            foreach (var ((date, channel), file) in files)
            {
                written.Add(new LakeFile
                {
                    Path = file.Path, Dataset = LakePaths.Events, Date = date, Channel = channel, Partition = _partition,
                    Rows = file.Rows, Bytes = await file.Writer.CompleteAsync(), Offsets = [new OffsetRange(from, to)], CreatedAt = now,
                });
            }

            return written;
        }
        finally
        {
            foreach (var file in files.Values)
            {
                await file.Writer.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The buffered records at indexes <paramref name="first"/> to <paramref name="last"/> of the buffer, read back from
    /// the log in order (records between them were client retries the receiver dropped). Runs off the grain's turn,
    /// which is suspended until it ends, so the buffer does not change meanwhile.
    /// </summary>
    private async Task<List<(LogRecord Record, TrackedEvent Event)>> ReadBackAsync(int first, int last)
    {
        var events = new List<(LogRecord, TrackedEvent)>(last - first + 1);
        var next = first;
        await log.ScanAsync(new TopicPartition(Topics.Events, _partition), _buffer[first], _buffer[last], record =>
        {
            while (next <= last && _buffer[next] < record.Offset)
            {
                next++;
            }

            if (next <= last && _buffer[next] == record.Offset && TrackedEventReader.TryRead(record.Value.Span) is { } e)
            {
                events.Add((record, e));
            }
        }, ReadBackTimeout, CancellationToken.None);
        return events;
    }

    /// <summary>
    /// Retention, then compaction (<see cref="LakeMaintenance"/>); one state write for both. Merges wait for the silo's
    /// <see cref="LakeMergeGate"/>: on a timer tick an archiver that finds it taken tries again at its next tick.
    /// </summary>
    private async Task MaintainAsync(bool waitForOtherMerges)
    {
        var now = clock.GetUtcNow();
        var plan = LakeMaintenance.Decide(State.Files, DateOnly.FromDateTime(now.UtcDateTime), _options);
        if (plan.Merges.Count > 0)
        {
            if (waitForOtherMerges)
            {
                await merges.EnterAsync();
            }
            else if (!merges.TryEnter())
            {
                return;
            }
        }

        _maintainedAt = now;
        try
        {
            await ApplyAsync(plan);
        }
        finally
        {
            if (plan.Merges.Count > 0)
            {
                merges.Exit();
            }
        }
    }

    private async Task ApplyAsync(LakeMaintenance.Plan plan)
    {
        if (plan.Expired.Count == 0 && plan.Merges.Count == 0)
        {
            return;
        }

        var merged = await Task.Run(async () =>
        {
            var files = new List<LakeFile>(plan.Merges.Count);
            foreach (var parts in plan.Merges)
            {
                files.Add(await MergeAsync(parts));
            }

            return files;
        });
        var removed = plan.Expired.Concat(plan.Merges.SelectMany(m => m)).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        await CommitAsync(State.Files.Where(f => !removed.Contains(f.Path)).Concat(merged).ToList(), State.ArchivedThrough, merged);
        await Task.Run(() =>
        {
            foreach (var path in removed)
            {
                var full = LakePaths.Full(_options.Root, path);
                LakeDirectory.Delete(full);
                LakeDirectory.PruneEmpty(Path.GetDirectoryName(full)!, _options.Root);
            }
        });
        Log.Maintained(logger, _partition, plan.Merges.Sum(m => m.Count), merged.Count, plan.Expired.Count);
    }

    private async Task<LakeFile> MergeAsync(IReadOnlyList<LakeFile> parts)
    {
        var offsets = LakePaths.Merge(parts.SelectMany(p => p.Offsets));
        var first = parts[0];
        var path = LakePaths.EventsFile(first.Date, first.Channel!, _partition, offsets[0].From, offsets[^1].To);
        var full = parts.Select(p => LakePaths.Full(_options.Root, p.Path));
        var bytes = await ParquetRows.MergeAsync(LakePaths.Full(_options.Root, path), full, _options.MergeRowGroupRows);
        return first with { Path = path, Rows = parts.Sum(p => p.Rows), Bytes = bytes, Offsets = offsets, CreatedAt = clock.GetUtcNow() };
    }

    /// <summary>
    /// Stores the new manifest and offset. If the write fails the in-memory state goes back and the new files (not
    /// listed anywhere durable) are deleted, so a retry starts from what is stored.
    /// </summary>
    private async Task CommitAsync(List<LakeFile> files, long archivedThrough, IReadOnlyList<LakeFile> added)
    {
        var (previousFiles, previousOffset) = (State.Files, State.ArchivedThrough);
        (State.Files, State.ArchivedThrough) = (files, archivedThrough);
        try
        {
            await storage.WriteStateAsync();
        }
        catch (Exception e)
        {
            (State.Files, State.ArchivedThrough) = (previousFiles, previousOffset);
            var kept = previousFiles.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
            foreach (var file in added.Where(f => !kept.Contains(f.Path)))
            {
                LakeDirectory.Delete(LakePaths.Full(_options.Root, file.Path));
            }

            if (e is InconsistentStateException)
            {
                // Another activation wrote first: this one's memory is stale; the stream retries against the stored state.
                DeactivateOnIdle();
            }

            throw;
        }
    }

    /// <summary>Deletes this partition's temporary files and files its stored manifest does not list (off the grain's thread).</summary>
    private void RemoveStrays(IReadOnlyList<LakeFile> manifest)
    {
        var events = Path.Combine(_options.Root, LakePaths.Events);
        if (!Directory.Exists(events))
        {
            return;
        }

        var listed = manifest.Select(f => LakePaths.Full(_options.Root, f.Path)).ToHashSet(StringComparer.Ordinal);
        var strays = Directory.EnumerateFiles(events, LakePaths.PartitionPrefix(_partition) + "*", SearchOption.AllDirectories)
            .Where(f => !listed.Contains(f))
            .ToList();
        foreach (var stray in strays)
        {
            LakeDirectory.Delete(stray);
            LakeDirectory.PruneEmpty(Path.GetDirectoryName(stray)!, _options.Root);
        }

        if (strays.Count > 0)
        {
            Log.RemovedStrays(logger, _partition, strays.Count);
        }
    }

    /// <summary>One date and channel's file of a flush (its lake-relative path), open until every chunk is in.</summary>
    private sealed class FlushFile(string path, AtomicFile writer)
    {
        public string Path { get; } = path;

        public AtomicFile Writer { get; } = writer;

        public int Rows { get; set; }
    }
}
