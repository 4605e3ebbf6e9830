using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Separation;

namespace MusicAI.Sdk.Tests.Separation;

/// <summary>
/// A separation engine for plumbing tests: stem i of channel c is <c>gains[i] · (1 + c) · x[c]</c>, computed block by
/// block from the source (which exercises the source's ranges and the sink's block handling).
/// </summary>
internal sealed class GainEngine(int sampleRate, int channelCount, Stem[] stems, float[] gains, int blockFrames = 10_000) : ISeparationEngine
{
    public string Name => "gain-test";

    public IReadOnlyList<Stem> Stems => stems;

    public int SampleRate => sampleRate;

    public int ChannelCount => channelCount;

    public int Calls { get; private set; }

    public bool Disposed { get; private set; }

    public async Task SeparateAsync(ISeparationSource source, ISeparationSink sink, SeparationSettings settings, IProgress<ProcessingProgress>? progress, CancellationToken cancellationToken)
    {
        Calls++;
        Assert.True(channelCount == 0 || source.ChannelCount == channelCount, "the separator must adapt channels");
        Assert.True(sampleRate == 0 || source.SampleRate == sampleRate, "the separator must adapt the rate");
        for (long start = 0; start < source.FrameCount; start += blockFrames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var frames = (int)Math.Min(blockFrames, source.FrameCount - start);
            using var input = AudioBuffer.Create(source.ChannelCount, frames, source.SampleRate);
            source.Read(start, input);
            var outputs = new AudioBuffer[stems.Length];
            for (var s = 0; s < stems.Length; s++)
            {
                outputs[s] = AudioBuffer.Create(source.ChannelCount, frames, source.SampleRate);
                for (var c = 0; c < source.ChannelCount; c++)
                {
                    var from = input.GetChannel(c);
                    var to = outputs[s].GetChannel(c);
                    for (var i = 0; i < frames; i++)
                    {
                        to[i] = gains[s] * (1 + c) * from[i];
                    }
                }
            }

            sink.Write(outputs);
            foreach (var output in outputs)
            {
                output.Dispose();
            }

            progress?.Report(new ProcessingProgress("gain", start + frames, source.FrameCount));
            await Task.Yield();
        }
    }

    public void Dispose() => Disposed = true;
}
