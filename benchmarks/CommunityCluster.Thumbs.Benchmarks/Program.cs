using CommunityCluster.Thumbs.Benchmarks;

// Two modes: with no arguments, the whole comparison (writes the results file); "measure" is the
// child process that renders one file, so each image's peak memory is its own.
return args is ["measure", var file, var reps]
    ? RendererProbe.Measure(file, int.Parse(reps, System.Globalization.CultureInfo.InvariantCulture))
    : await Comparison.RunAsync(args.Length > 0 ? args[0] : null);
