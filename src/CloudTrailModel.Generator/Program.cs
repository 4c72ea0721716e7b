using System.Text;

namespace CloudTrailModel.Generator;

/// <summary>Command line: reads a botocore model (and an optional alias file) and writes the service's <c>*.g.cs</c> files.</summary>
public static class Program
{
    private const string Usage =
        "usage: CloudTrailModel.Generator --model <service-2.json> --event-source <host> --service <DotNetName> --output <dir> [--rules <rules.json>]\n"
        + "       CloudTrailModel.Generator --all <services.json> [--root <repository root>]\n"
        + "       CloudTrailModel.Generator --members <src/CloudTrailModel>";

    public static int Main(string[] args)
    {
        try
        {
            return Run(args, Console.Out);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or InvalidDataException or System.Text.Json.JsonException)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(Usage);
            return 1;
        }
    }

    /// <summary>Parses the arguments, generates, and replaces every <c>*.g.cs</c> file in the output directory.</summary>
    public static int Run(string[] args, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(log);
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }

            named[args[i][2..]] = args[i + 1];
        }

        string Required(string name) =>
            named.TryGetValue(name, out string? value) ? value : throw new ArgumentException($"Missing --{name}.");

        if (named.TryGetValue("members", out string? modelRoot))
        {
            IReadOnlyDictionary<string, string> model = ModelGenerator.Generate(modelRoot);
            WriteModelFiles(model, modelRoot);
            log.WriteLine($"Wrote {model.Count} files under {modelRoot}");
            return 0;
        }

        if (named.TryGetValue("all", out string? manifest))
        {
            string root = named.GetValueOrDefault("root") ?? Directory.GetCurrentDirectory();
            foreach (ServiceEntry entry in ServiceEntry.ReadManifest(File.ReadAllText(manifest)))
            {
                IReadOnlyDictionary<string, string> generated = entry.Generate(root);
                string directory = Path.Combine(root, entry.Output);
                WriteFiles(generated, directory);
                log.WriteLine($"Wrote {generated.Count} files to {directory}");
            }

            return 0;
        }

        var options = new GeneratorOptions(
            EventSource: Required("event-source"),
            ServiceName: Required("service"));
        string modelJson = File.ReadAllText(Required("model"));
        string? rulesPath = named.GetValueOrDefault("rules") ?? named.GetValueOrDefault("aliases");
        string? aliasesJson = rulesPath is null ? null : File.ReadAllText(rulesPath);
        string output = Required("output");

        IReadOnlyDictionary<string, string> files = ServiceGenerator.Generate(modelJson, aliasesJson, options);
        WriteFiles(files, output);
        log.WriteLine($"Wrote {files.Count} files to {output}");
        return 0;
    }

    /// <summary>
    /// Writes the model's files (paths relative to <paramref name="modelRoot"/>, UTF-8 without BOM) after deleting the
    /// <c>*.g.cs</c> files under it (build output aside) that have no table any more.
    /// </summary>
    public static void WriteModelFiles(IReadOnlyDictionary<string, string> files, string modelRoot)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (string stale in ModelGenerator.GeneratedFiles(modelRoot))
        {
            if (!files.ContainsKey(stale))
            {
                File.Delete(Path.Combine(modelRoot, stale));
            }
        }

        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        foreach ((string name, string text) in files)
        {
            File.WriteAllText(Path.Combine(modelRoot, name), text, utf8);
        }
    }

    /// <summary>Writes the files (UTF-8 without BOM) after deleting stale <c>*.g.cs</c> files, so removed types disappear.</summary>
    public static void WriteFiles(IReadOnlyDictionary<string, string> files, string directory)
    {
        ArgumentNullException.ThrowIfNull(files);
        Directory.CreateDirectory(directory);
        foreach (string stale in Directory.EnumerateFiles(directory, "*.g.cs"))
        {
            File.Delete(stale);
        }

        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        foreach ((string name, string text) in files)
        {
            File.WriteAllText(Path.Combine(directory, name), text, utf8);
        }
    }
}
