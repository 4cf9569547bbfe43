using CommunityCluster.Commands.Protocol;

namespace CommunityCluster.Ccm.Tests;

public sealed class ViewRendererSpecs
{
    private static string Render(params ViewBlock[] blocks)
    {
        using var output = new StringWriter { NewLine = "\n" };
        ViewRenderer.Write(output, blocks);
        return output.ToString();
    }

    [Fact]
    public void ViewRenderer_should_align_columns_and_put_numbers_right()
    {
        var text = Render(ViewBlock.Table("regions", [new("TYPE"), new("SHARDS", AlignRight: true), new("NOTE")],
        [
            ["sharding-probe", "7", ""],
            ["photos", "120", "busy"],
        ]));

        Assert.Equal(
            "regions\n" +
            "TYPE            SHARDS  NOTE\n" +
            "sharding-probe       7\n" +
            "photos             120  busy\n",
            text);
    }

    [Fact]
    public void ViewRenderer_should_leave_out_empty_headings_and_part_blocks_with_a_blank_line()
    {
        var text = Render(
            ViewBlock.Table(null, [new(""), new("")], [["home", "dupont"], ["storage quota", "20 GB"]]),
            ViewBlock.Text("one line", "another"));

        Assert.Equal("home           dupont\nstorage quota  20 GB\n\none line\nanother\n", text);
    }
}
