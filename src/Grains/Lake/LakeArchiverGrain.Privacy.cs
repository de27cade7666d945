using AdOrleans.Grains.Privacy;

namespace AdOrleans.Grains.Lake;

/// <summary>
/// Erasure and export of one user's rows (docs/privacy.md). A file holding the user's rows is written again under
/// its own name with their user_id cleared (atomically: temp file, fsync, rename), then the manifest is stored with
/// the new sizes; an event_id that embeds the id has it masked with '*', as in the log. Rows, offsets and names stay,
/// so the lake still holds exactly what the KPIs count.
/// </summary>
public sealed partial class LakeArchiverGrain
{
    public async Task<int> EraseUserAsync(string userId)
    {
        if (!Active)
        {
            return 0;
        }

        await WriteBufferAsync();
        var files = State.Files.ToList();
        var rewritten = await Task.Run(async () =>
        {
            var count = 0;
            for (var i = 0; i < files.Count; i++)
            {
                if (files[i].Dataset != LakePaths.Events)
                {
                    continue;
                }

                var path = LakePaths.Full(_options.Root, files[i].Path);
                if (!await ParquetRows.AnyAsync(path, EventRow.UserIdColumn, userId))
                {
                    continue;
                }

                files[i] = files[i] with { Bytes = await ParquetRows.RewriteAsync(path, rows => Mask(rows, userId)) };
                count++;
            }

            return count;
        });

        if (rewritten > 0)
        {
            await CommitAsync(files, State.ArchivedThrough, []);
        }

        return rewritten;
    }

    public async Task<IReadOnlyList<UserEventRow>> ExportUserAsync(string userId)
    {
        if (!Active)
        {
            return [];
        }

        await WriteBufferAsync();
        var files = State.Files.Where(f => f.Dataset == LakePaths.Events).ToList();
        return await Task.Run(async () =>
        {
            var found = new List<UserEventRow>();
            foreach (var file in files)
            {
                var path = LakePaths.Full(_options.Root, file.Path);
                if (!await ParquetRows.AnyAsync(path, EventRow.UserIdColumn, userId))
                {
                    continue;
                }

                await foreach (var rows in ParquetRows.ReadRowGroupsAsync(path))
                {
                    found.AddRange(rows.Where(r => IsUsers(r, userId)).Select(r => new UserEventRow(r.LogPartition, r.LogOffset, r.EventId, r.Type,
                        file.Channel ?? "", r.CampaignId, r.CreativeId, r.SlotId, r.AuctionId, r.ValueMicros, r.Segments ?? [],
                        new DateTimeOffset(DateTime.SpecifyKind(r.OccurredAt, DateTimeKind.Utc)))));
                }
            }

            return (IReadOnlyList<UserEventRow>)found;
        });
    }

    private static bool IsUsers(EventRow row, string userId) => string.Equals(row.UserId, userId, StringComparison.Ordinal);

    private static void Mask(IList<EventRow> rows, string userId)
    {
        foreach (var row in rows.Where(r => IsUsers(r, userId)))
        {
            (row.UserId, row.EventId) = (null, row.EventId.Replace(userId, new string('*', userId.Length), StringComparison.Ordinal));
        }
    }
}
