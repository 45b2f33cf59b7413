using System.Text;
using Bot.Core.Loading;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Loading;

/// <summary>Files no moderator means to write (huge, not UTF-8, a link to itself) are located diagnostics, never a crash.</summary>
public sealed class UnsafeFactFileTests
{
    private const string Castillo = "people/pedro-castillo.yaml";

    [Fact]
    public void A_file_over_the_size_cap_is_an_error_at_its_path_and_is_never_read()
    {
        using var folder = new TempFactFolder();
        var path = Path.Combine(folder.Path, "people", "huge.yaml");
        using (var huge = File.Create(path))
        {
            huge.SetLength(1_100_000_000); // 1.1 GB, sparse: reading it would take gigabytes of memory
        }

        var report = new FactBaseLoader(TimeProvider.System) { MaxBaseBytes = 2_000_000_000 }.Load(folder.Path, "facts");

        Assert.Null(report.Facts);
        Assert.Equal(
            "facts/people/huge.yaml:1:1: error: the file is 1049 MB, more than the 2 MB a fact file may have (Facts:MaxFileBytes); split it",
            Assert.Single(report.Errors).ToString());
    }

    [Fact]
    public void A_folder_over_the_base_cap_is_an_error_at_the_folder_before_any_file_is_read()
    {
        using var folder = new TempFactFolder();

        var report = new FactBaseLoader(TimeProvider.System) { MaxFileBytes = 1024, MaxBaseBytes = 2048 }.Load(folder.Path, "facts");

        Assert.Null(report.Facts);
        Assert.StartsWith("facts:1:1: error: the fact files together are ", Assert.Single(report.Errors).ToString(), StringComparison.Ordinal);
        Assert.EndsWith("more than the 2 KB a fact base may have (Facts:MaxBaseBytes)", Assert.Single(report.Errors).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_an_error_at_their_line_and_column()
    {
        using var folder = new TempFactFolder();
        var text = File.ReadAllText(Path.Combine(folder.Path, Castillo)).ReplaceLineEndings("\n");
        var bytes = Encoding.UTF8.GetBytes(text.Replace("name: Pedro Castillo", "name: Pedro Castillo \u00e9X", StringComparison.Ordinal)).ToList();
        var at = bytes.IndexOf((byte)'X');
        bytes[at - 1] = 0xFF; // the second byte of "é" replaced by one that no UTF-8 text has
        bytes.RemoveAt(at);
        File.WriteAllBytes(Path.Combine(folder.Path, Castillo), [.. bytes]);

        var report = folder.Load();

        Assert.Null(report.Facts);
        Assert.Contains("facts/people/pedro-castillo.yaml:2:22: error: the file is not valid UTF-8 here; save it as UTF-8", report.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_utf8_file_with_a_byte_order_mark_and_a_utf16_file_still_load()
    {
        using var folder = new TempFactFolder();
        var text = File.ReadAllText(Path.Combine(folder.Path, Castillo)).Replace("Pedro Castillo", "Pedro Castillo Terrones", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder.Path, Castillo), text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        File.WriteAllText(Path.Combine(folder.Path, "people", "jose-jeri.yaml"), File.ReadAllText(Path.Combine(folder.Path, "people", "jose-jeri.yaml")), Encoding.Unicode);

        var report = folder.Load();

        Assert.Empty(report.Errors);
        Assert.True(report.Facts!.TryGetPerson("pedro-castillo", out var castillo));
        Assert.Equal("Pedro Castillo Terrones", castillo.Name);
        Assert.True(report.Facts.TryGetPerson("jose-jeri", out _));
    }

    [Fact]
    public void A_file_that_links_to_itself_is_an_error_at_its_path()
    {
        using var folder = new TempFactFolder();
        var loop = Path.Combine(folder.Path, "people", "loop.yaml");
        File.CreateSymbolicLink(loop, loop);

        var scan = FactFolderScan.Of(folder.Path); // listing the folder does not fail
        var report = new FactBaseLoader(TimeProvider.System).Load(folder.Path, "facts", scan);

        Assert.Null(report.Facts);
        var error = Assert.Single(report.Errors);
        Assert.Equal("facts/people/loop.yaml", error.Path);
        Assert.StartsWith("the file cannot be read", error.Message, StringComparison.Ordinal);
    }
}
