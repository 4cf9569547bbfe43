using CommunityCluster.Core.Security;

namespace CommunityCluster.Core.Tests.Security;

public sealed class RevocationListSpecs : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("revocations-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Parse_should_read_serials_with_comments_colons_case_and_leading_zeros()
    {
        var list = RevocationList.Parse("# header\n00AB:CD  # CN=dupont, revoked 2026-06-01\n\nff01\n", "revoked.txt");

        Assert.Equal(2, list.Count);
        Assert.True(list.IsRevoked("abcd"));
        Assert.True(list.IsRevoked("FF01"));
        Assert.False(list.IsRevoked("ABCE"));
    }

    [Fact]
    public void Parse_should_name_the_line_that_is_no_serial()
    {
        var error = Assert.Throws<FormatException>(() => RevocationList.Parse("ABCD\nnot-a-serial\n", "revoked.txt"));

        Assert.Equal("revoked.txt line 2: 'not-a-serial' is not a certificate serial number (hexadecimal)", error.Message);
    }

    [Fact]
    public void RevocationListFile_should_read_the_list_again_when_it_changes_and_keep_the_last_good_one()
    {
        var path = Path.Combine(_folder, TlsFiles.RevocationList);
        var file = new RevocationListFile(path);
        Assert.False(file.Current.IsRevoked("AB"));

        File.WriteAllText(path, "AB\n");
        var afterCopy = file.Current;
        File.WriteAllText(path, "AB\nthis is a typo\n");
        var afterTypo = file.Current;

        Assert.True(afterCopy.IsRevoked("AB"));
        Assert.True(afterTypo.IsRevoked("AB"));
        Assert.Contains("the previous one stays in force", file.TakeProblem(), StringComparison.Ordinal);
        Assert.Null(file.TakeProblem());
    }
}
