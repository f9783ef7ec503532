using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Runbook.Benchmarks.CompileBenchmarks).Assembly).Run(args);
