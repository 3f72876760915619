using BenchmarkDotNet.Running;

// `dotnet run -c Release --project tests/Benchmarks -- --filter '*'` runs every benchmark; add `--job short` for a quick run.
BenchmarkSwitcher.FromAssembly(typeof(Pinterest.Modular.Benchmarks.DomainCleaningBenchmarks).Assembly).Run(args);
