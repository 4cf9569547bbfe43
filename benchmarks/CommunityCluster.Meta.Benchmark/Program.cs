using CommunityCluster.Meta.Benchmark;

// dotnet run -c Release --project benchmarks/CommunityCluster.Meta.Benchmark -- [--records N] [--nodes N]
// [--no-catch-up]
// A member process is this same program started with "member"; see MemberProcess.
return args is ["member", ..]
    ? await BenchmarkMember.RunAsync(args[1..])
    : await Orchestrator.RunAsync(args);
