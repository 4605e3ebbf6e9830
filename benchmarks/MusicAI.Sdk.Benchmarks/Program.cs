using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Running;

namespace MusicAI.Sdk.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project benchmarks/MusicAI.Sdk.Benchmarks -- --filter *Fft*</c>.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (typeof(Program).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true)
        {
            Console.Error.WriteLine("Benchmarks must run optimised: use `dotnet run -c Release --project benchmarks/MusicAI.Sdk.Benchmarks -- --filter *`.");
            return 1;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchmarkConfig.Create());
        return 0;
    }
}
