using System.CommandLine;
using MusicAI.Cli.Infrastructure;
using MusicAI.Sdk;
using MusicAI.Sdk.Models;

namespace MusicAI.Cli.Commands;

/// <summary>
/// <c>musicai models list|pull|verify|remove</c>: the local model cache.
/// </summary>
/// <remarks>
/// Exit codes: 0 ok; 1 usage (bad option, invalid id syntax, both or neither of ID and --manifest); 2 input error (the
/// --manifest file is missing); 3 model error (unknown id, download or verification failure, damaged or missing files,
/// offline with files missing); 130 cancelled.
/// </remarks>
internal static class ModelsCommand
{
    public static Command Create(CliConsole console)
    {
        var modelsDir = new Option<string?>("--models-dir")
        {
            Description = "Model cache folder (default: $MUSICAI_MODELS, else musicai/models under local application data).",
            HelpName = "DIR",
            Recursive = true,
        };
        var offline = new Option<bool>("--offline")
        {
            Description = "Never download; fail when a file is not in the cache.",
            Recursive = true,
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print machine-readable JSON to standard output.",
            Recursive = true,
        };

        var command = new Command("models", "List, download, verify and remove models in the local cache.");
        command.Options.Add(modelsDir);
        command.Options.Add(offline);
        command.Options.Add(json);
        var common = new CommonOptions(modelsDir, offline, json);
        command.Subcommands.Add(CreateList(console, common));
        command.Subcommands.Add(CreatePull(console, common));
        command.Subcommands.Add(CreateVerify(console, common));
        command.Subcommands.Add(CreateRemove(console, common));
        return command;
    }

    private static Command CreateList(CliConsole console, CommonOptions common)
    {
        var command = new Command("list", "List the catalog and cached models with their status (verified, not cached, corrupt...) and licence.");
        command.SetAction((parseResult, cancellationToken) => console.RunAsync(
            async ct =>
            {
                using var store = common.CreateStore(parseResult, console);
                var models = await store.ListAsync(ct);
                if (parseResult.GetValue(common.Json))
                {
                    await ModelsOutput.WriteJsonAsync(console.Out, store.RootDirectory, models, ok: null);
                }
                else
                {
                    await ModelsOutput.WriteTableAsync(console.Out, store.RootDirectory, models);
                }

                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }

    private static Command CreatePull(CliConsole console, CommonOptions common)
    {
        var id = new Argument<string?>("id") { Description = "Catalog id (see 'musicai models list') or the id of a model pulled earlier.", Arity = ArgumentArity.ZeroOrOne };
        var manifestFile = new Option<string?>("--manifest") { Description = "Pull the model a manifest JSON file describes (your own model or a mirror).", HelpName = "FILE" };
        var command = new Command("pull", "Download a model into the cache (resumable, size-capped, SHA-256-verified) and re-verify files already there.");
        command.Arguments.Add(id);
        command.Options.Add(manifestFile);
        command.SetAction((parseResult, cancellationToken) => console.RunAsync(
            async ct =>
            {
                var modelId = parseResult.GetValue(id);
                var file = parseResult.GetValue(manifestFile);
                if ((modelId is null) == (file is null))
                {
                    await console.Error.WriteLineAsync("error: give either a model id or --manifest FILE (not both). See 'musicai models list'.");
                    return ExitCodes.Usage;
                }

                var jsonOutput = parseResult.GetValue(common.Json);
                using var store = common.CreateStore(parseResult, console);
                var manifest = modelId is not null ? store.GetManifest(modelId) : await ModelManifest.LoadAsync(file!, ct);
                if (console.IsInteractive && !jsonOutput)
                {
                    await ModelsProgressBar.RunAsync(progress => store.PullAsync(manifest, progress, ct));
                }
                else
                {
                    await store.PullAsync(manifest, progress: null, ct);
                }

                var verification = await store.VerifyAsync(manifest, ct);
                if (jsonOutput)
                {
                    await ModelsOutput.WriteJsonAsync(console.Out, store.RootDirectory, [verification], verification.IsIntact);
                }
                else
                {
                    await ModelsOutput.WritePulledAsync(console.Out, verification);
                }

                return verification.IsIntact ? ExitCodes.Ok : ExitCodes.ModelError;
            },
            cancellationToken));
        return command;
    }

    private static Command CreateVerify(CliConsole console, CommonOptions common)
    {
        var id = new Argument<string?>("id") { Description = "The model to verify; default: every model with files in the cache.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("verify", "Re-hash cached model files and report every size or SHA-256 mismatch (exit 3 when any file is missing or damaged).");
        command.Arguments.Add(id);
        command.SetAction((parseResult, cancellationToken) => console.RunAsync(
            async ct =>
            {
                using var store = common.CreateStore(parseResult, console);
                var modelId = parseResult.GetValue(id);
                IReadOnlyList<ModelVerification> results = modelId is not null
                    ? [await store.VerifyAsync(store.GetManifest(modelId), ct)]
                    : [.. (await store.ListAsync(ct)).Where(v => v.IsPartlyCached)];
                var ok = results.All(v => v.IsIntact);
                if (parseResult.GetValue(common.Json))
                {
                    await ModelsOutput.WriteJsonAsync(console.Out, store.RootDirectory, results, ok);
                }
                else
                {
                    await ModelsOutput.WriteVerificationAsync(console.Out, store.RootDirectory, results);
                }

                return ok ? ExitCodes.Ok : ExitCodes.ModelError;
            },
            cancellationToken));
        return command;
    }

    private static Command CreateRemove(CliConsole console, CommonOptions common)
    {
        var id = new Argument<string>("id") { Description = "The model to delete from the cache." };
        var command = new Command("remove", "Delete a model's folder from the cache (files, partial downloads and recorded hashes).");
        command.Arguments.Add(id);
        command.SetAction((parseResult, cancellationToken) => console.RunAsync(
            async ct =>
            {
                using var store = common.CreateStore(parseResult, console);
                var modelId = parseResult.GetValue(id)!;
                var removed = await store.RemoveAsync(modelId, ct);
                if (parseResult.GetValue(common.Json))
                {
                    await ModelsOutput.WriteRemovedJsonAsync(console.Out, modelId, removed);
                }
                else
                {
                    await console.Out.WriteLineAsync(removed ? $"Removed {modelId} from {store.RootDirectory}." : $"{modelId} is not in the cache ({store.RootDirectory}).");
                }

                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }

    private sealed record CommonOptions(Option<string?> ModelsDir, Option<bool> Offline, Option<bool> Json)
    {
        public ModelStore CreateStore(ParseResult parseResult, CliConsole console)
        {
            var options = new MusicAIOptions
            {
                ModelDirectory = parseResult.GetValue(ModelsDir),
                Offline = parseResult.GetValue(Offline),
            };
            return new ModelStore(options, new ModelsCliLogger(console.Error));
        }
    }
}
