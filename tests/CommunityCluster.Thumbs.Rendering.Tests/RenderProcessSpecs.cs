using CommunityCluster.Testing;

namespace CommunityCluster.Thumbs.Rendering.Tests;

/// <summary>
/// The node's render process (the built node in <c>render-worker</c> mode): renders as the
/// library does, and its memory, time and crash fences turn into no-preview reasons while the
/// caller carries on with a fresh process.
/// </summary>
public sealed class RenderProcessSpecs : IDisposable
{
    private readonly TestFolder _folder = new(nameof(RenderProcessSpecs));
    private readonly RenderProcess _process;

    public RenderProcessSpecs() =>
        _process = new RenderProcess("dotnet", [Binaries.Node, RenderServer.Command], _folder.Path);

    public void Dispose()
    {
        _process.Dispose();
        _folder.Dispose();
    }

    [LibvipsFact]
    public async Task Render_process_should_render_like_the_library()
    {
        var path = Made.Jpeg(_folder.Combine("photo.jpg"), 1800, 1200);

        var outcome = await _process.RenderAsync(path, RenderLimits.Default);

        var rendered = Assert.IsType<RenderOutcome.Rendered>(outcome);
        Assert.Equal((1440, 960, 375, 250), (rendered.Large.Width, rendered.Large.Height, rendered.Small.Width,
            rendered.Small.Height));
        using var decoded = Pixels.Decode(rendered.Large);
        Assert.Equal((1440, 960), (decoded.Width, decoded.Height));
    }

    [LibvipsFact]
    public async Task Render_process_past_its_memory_limit_should_be_killed_and_replaced()
    {
        var path = Made.Jpeg(_folder.Combine("big.jpg"), 6000, 4000);

        var starved = await _process.RenderAsync(path, RenderLimits.Default with { MaxMemoryBytes = 40_000_000 });
        var after = await _process.RenderAsync(path, RenderLimits.Default);

        Assert.Equal(NoPreviewReason.ExceededMemory, Assert.IsType<RenderOutcome.NoPreview>(starved).Reason);
        Assert.IsType<RenderOutcome.Rendered>(after);
    }

    [LibvipsFact]
    public async Task Render_process_that_crashes_should_give_a_reason_and_the_next_render_should_work()
    {
        var big = Made.Jpeg(_folder.Combine("crash.jpg"), 8000, 6000);
        var small = Made.Jpeg(_folder.Combine("next.jpg"), 640, 480);
        await _process.RenderAsync(small, RenderLimits.Default); // started and warm

        var rendering = _process.RenderAsync(big, RenderLimits.Default);
        await Task.Delay(50);
        Signals.Send(_process.ProcessId!.Value, Signals.Kill);
        var crashed = await rendering;
        var next = await _process.RenderAsync(small, RenderLimits.Default);

        Assert.Equal(NoPreviewReason.DecoderCrashed, Assert.IsType<RenderOutcome.NoPreview>(crashed).Reason);
        Assert.IsType<RenderOutcome.Rendered>(next);
    }

    [LibvipsFact]
    public async Task Render_process_should_pass_no_preview_reasons_through()
    {
        var empty = _folder.Combine("empty.jpg");
        File.WriteAllBytes(empty, []);

        var outcome = await _process.RenderAsync(empty, RenderLimits.Default);

        Assert.Equal(NoPreviewReason.Empty, Assert.IsType<RenderOutcome.NoPreview>(outcome).Reason);
    }
}
