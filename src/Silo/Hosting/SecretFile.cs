namespace AdOrleans.Silo.Hosting;

/// <summary>
/// Files that hold keys: created readable by the owner only (0600) and whole, or not at all. The content goes to a
/// temporary file that is born with mode 0600 and is then renamed into place, so no other user ever sees the file,
/// not even for a moment, and a crash never leaves half a key behind.
/// </summary>
internal static class SecretFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes the file unless it exists; false when another process created it first (its content wins).</summary>
    public static bool TryCreate(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using (var writer = new StreamWriter(temp, options))
        {
            writer.Write(content);
            writer.Flush();
            ((FileStream)writer.BaseStream).Flush(flushToDisk: true);
        }

        try
        {
            File.Move(temp, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            return false;
        }
    }

    /// <summary>Narrows a key file an older version created with the default mode (0644) to the owner.</summary>
    public static void RestrictToOwner(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
        {
            File.SetUnixFileMode(path, OwnerOnly);
        }
    }
}
