using BenchmarkDotNet.Running;

// `dotnet run -c Release --project tests/Benchmarks -- --filter '*'` runs every benchmark; add `--job short` for a quick run.
// In process: BenchmarkDotNet's out-of-process toolchain looks for a project file named after the assembly
// (Pinterest.Modular.Benchmarks.csproj), and this project is Benchmarks.csproj like the others in tests/.
string[] arguments = args.Contains("--inProcess", StringComparer.OrdinalIgnoreCase) ? args : [.. args, "--inProcess"];
BenchmarkSwitcher.FromAssembly(typeof(Pinterest.Modular.Benchmarks.DomainCleaningBenchmarks).Assembly).Run(arguments);
