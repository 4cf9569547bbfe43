// The compose community is five real processes; on a 2-core machine tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
