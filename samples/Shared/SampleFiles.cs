/// <summary>Finds the log files shipped with the samples.</summary>
internal static class SampleFiles
{
    /// <summary>Every file under samples/data, found from the program's own location first (dotnet run, bin/...), then from the current directory.</summary>
    public static string[] Find()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string data = Path.Combine(dir.FullName, "samples", "data");
                if (Directory.Exists(data))
                {
                    return [.. Directory.GetFiles(data, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
                }
            }
        }

        return [];
    }
}
