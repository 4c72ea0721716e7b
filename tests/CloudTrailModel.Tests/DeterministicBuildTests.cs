using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace CloudTrailModel.Tests;

/// <summary>
/// The library is built with its source paths mapped (DeterministicSourcePaths), in every build, not only on CI: its
/// PDB and the PDB path in its DLL name no local directory, so two clones at different paths build identical DLLs.
/// </summary>
public sealed class DeterministicBuildTests
{
    private static readonly string Dll = typeof(CloudTrailRecord).Assembly.Location;

    [Fact]
    public void Dll_PdbPath_IsMapped()
    {
        using var pe = new PEReader(File.OpenRead(Dll));

        CodeViewDebugDirectoryData codeView = pe.ReadCodeViewDebugDirectoryData(pe.ReadDebugDirectory().First(e => e.Type == DebugDirectoryEntryType.CodeView));

        codeView.Path.Should().StartWith("/_/");
    }

    [Fact]
    public void Pdb_EveryDocument_IsMapped()
    {
        string pdb = Path.ChangeExtension(Dll, ".pdb");
        using var provider = MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(pdb));
        MetadataReader reader = provider.GetMetadataReader();

        string[] documents = [.. reader.Documents.Select(handle => reader.GetString(reader.GetDocument(handle).Name))];

        documents.Should().Contain(d => d.EndsWith("CloudTrailRecord.cs", StringComparison.Ordinal));
        documents.Where(Path.IsPathRooted).Should().OnlyContain(d => d.StartsWith("/_/", StringComparison.Ordinal), "no local path is kept");
    }
}
