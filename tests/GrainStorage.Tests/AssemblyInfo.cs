// Each test class starts an in-process Orleans silo on its own database; one at a time keeps two silos from competing
// for the 2 cores and stretching a test past its budget.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
