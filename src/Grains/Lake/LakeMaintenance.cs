namespace AdOrleans.Grains.Lake;

/// <summary>
/// What an archiver's maintenance does to its manifest: date partitions older than the retention are expired; small
/// files (fewer rows than <see cref="LakeOptions.TargetFileRows"/>) of one date and channel are merged — those of a
/// past day always (the day is closed: one file), those of the current day once there are
/// <see cref="LakeOptions.CompactMinFiles"/> of them, so a day being written keeps few files without being rewritten
/// after every flush. A merge takes files in offset order up to the target size.
/// </summary>
public static class LakeMaintenance
{
    public sealed record Plan(IReadOnlyList<LakeFile> Expired, IReadOnlyList<IReadOnlyList<LakeFile>> Merges);

    public static Plan Decide(IReadOnlyList<LakeFile> files, DateOnly today, LakeOptions options)
    {
        var expired = options.RetentionDays > 0
            ? files.Where(f => f.Date < today.AddDays(-options.RetentionDays)).ToList()
            : [];
        var merges = new List<IReadOnlyList<LakeFile>>();
        foreach (var group in files.Except(expired).Where(f => f.Rows < options.TargetFileRows).GroupBy(f => (f.Date, f.Channel)))
        {
            var small = group.OrderBy(f => f.Offsets[0].From).ToList();
            if (small.Count < 2 || (group.Key.Date >= today && small.Count < options.CompactMinFiles))
            {
                continue;
            }

            var take = new List<LakeFile>();
            long rows = 0;
            foreach (var file in small)
            {
                if (take.Count >= 2 && rows + file.Rows > options.TargetFileRows)
                {
                    break;
                }

                take.Add(file);
                rows += file.Rows;
            }

            merges.Add(take);
        }

        return new Plan(expired, merges);
    }
}
