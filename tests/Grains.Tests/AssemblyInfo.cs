// Each test starts whole in-process Orleans clusters (silos, pulling agents, SQLite, file log); running them one at a
// time keeps timings far from the per-test budget and keeps one test's load from slowing another's polling.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
