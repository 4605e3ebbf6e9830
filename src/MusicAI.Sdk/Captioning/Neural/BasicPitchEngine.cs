using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk.Captioning.Neural;

/// <summary>
/// Runs basic-pitch over a whole recording: windows the 22,050 Hz mono audio, runs one window per inference (reusing
/// one pooled input), reads the outputs by name and stitches them (see <see cref="BasicPitch"/>).
/// </summary>
/// <remarks>Thread-safe: each call has its own input buffer; the shared <see cref="OnnxModel"/> allows concurrent runs.</remarks>
internal sealed class BasicPitchEngine
{
    /// <summary>The progress stage reported while windows are processed.</summary>
    public const string ProgressStage = "transcribe";

    private static readonly long[] s_inputShape = [1, BasicPitch.WindowSamples, 1];
    private static readonly string[] s_outputs = [BasicPitch.NoteOutput, BasicPitch.OnsetOutput];
    private static readonly string[] s_outputsWithContour = [BasicPitch.NoteOutput, BasicPitch.OnsetOutput, BasicPitch.ContourOutput];

    private readonly OnnxModel _model;

    /// <summary>Wraps a loaded model after checking its contract.</summary>
    /// <exception cref="ModelContractException">The model is not a basic-pitch model.</exception>
    public BasicPitchEngine(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.EnsureContract(BasicPitch.Contract);
        _model = model;
    }

    /// <summary>Computes the stitched activations of <paramref name="audio"/>.</summary>
    /// <param name="audio">Mono samples at 22,050 Hz.</param>
    /// <param name="includeContour">Also keep the 264-bin pitch contour (not needed for note decoding).</param>
    /// <param name="progress">Receives one report per window (<see cref="ProgressStage"/>).</param>
    /// <param name="cancellationToken">Checked between windows and inside each run.</param>
    /// <returns>The activations; zero frames for audio shorter than one frame.</returns>
    /// <exception cref="InferenceException">A run failed.</exception>
    public BasicPitchActivations Run(ReadOnlySpan<float> audio, bool includeContour, IProgress<ProcessingProgress>? progress, CancellationToken cancellationToken)
    {
        var frames = BasicPitch.OutputFrameCount(audio.Length);
        var result = new BasicPitchActivations(frames, includeContour);
        if (frames == 0)
        {
            return result;
        }

        // The last window the reference runs can lie wholly past the kept frames; it is skipped.
        var windows = Math.Min(BasicPitch.WindowCount(audio.Length), (frames + BasicPitch.KeptFramesPerWindow - 1) / BasicPitch.KeptFramesPerWindow);
        var outputNames = includeContour ? s_outputsWithContour : s_outputs;
        using var inputs = new ModelInputs();
        var window = inputs.AddPooled<float>(BasicPitch.InputName, s_inputShape);
        for (var w = 0; w < windows; w++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            BasicPitch.FillWindow(audio, w, window);
            using (var outputs = _model.Run(inputs, outputNames, w, cancellationToken))
            {
                BasicPitch.StitchWindow(outputs.GetSpan<float>(0), BasicPitch.PitchCount, w, result.Note, frames);
                BasicPitch.StitchWindow(outputs.GetSpan<float>(1), BasicPitch.PitchCount, w, result.Onset, frames);
                if (result.Contour is { } contour)
                {
                    BasicPitch.StitchWindow(outputs.GetSpan<float>(2), BasicPitch.ContourBins, w, contour, frames);
                }
            }

            progress?.Report(new ProcessingProgress(ProgressStage, w + 1, windows));
        }

        return result;
    }
}
