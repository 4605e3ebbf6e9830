using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Generation.Composition;
using MusicAI.Sdk.Generation.Synthesis;

namespace MusicAI.Sdk.Generation.Sequencing;

/// <summary>
/// Renders a song or a seamless loop offline: composes every section, plays them through the sequencer and the
/// synthesizer, keeps the mix and (optionally) per-stem audio, and guarantees a peak of at most −1 dBFS.
/// </summary>
/// <remarks>
/// A loop is rendered as several back-to-back passes of identical notes; the last pass is kept, so its head carries
/// the release and reverb tail of the pass before it (the tail is folded onto the head), and its last few
/// milliseconds are crossfaded into the frames that precede that pass, which continue into its first frame: the wrap
/// is as smooth as any other point of the loop. The loop's length is exact because the beat length is set to
/// <c>L / beats</c> frames with <c>L = round(beats × 60 / bpm × sampleRate)</c>.
/// </remarks>
internal static class OfflineRenderer
{
    /// <summary>The peak the output never exceeds: −1 dBFS.</summary>
    public const float PeakLimit = 0.891250938f; // 10^(-1/20)

    private const int BlockFrames = 4096;
    private const double LoopTailSeconds = 3.0;
    private const int SeamCrossfadeFrames = 256;

    public static GeneratedSong Render(GenerationRequest request, SongParameters p, bool keepStems, Func<int, long, ISynthesizer> synthesizerFactory, IProgress<ProcessingProgress>? progress, CancellationToken cancellationToken)
    {
        var plan = SongPlanner.Plan(p.Bars, p.IsLoop);
        var composer = new SectionComposer(p);
        var scores = new List<SectionScore>(plan.Count);
        for (var i = 0; i < plan.Count; i++)
        {
            var section = new SectionScore();
            composer.Compose(section, plan[i].Kind, plan[i].Bars, plan[i].Occurrence, 0, p.IsLoop && i == plan.Count - 1);
            scores.Add(section);
        }

        var synth = synthesizerFactory(p.SampleRate, p.Seed);
        synth.SetReverb(p.Preset.ReverbSeconds, p.Preset.ReverbDamping);
        synth.SetDelay(p.Preset.DelayBeats, p.Preset.DelayFeedback);
        var strips = new int[StemRoles.Count];
        var gains = new float[StemRoles.Count];
        var roleOfStrip = new List<StemRole>();
        for (var r = 0; r < StemRoles.Count; r++)
        {
            strips[r] = -1;
            if (p.Instrument((StemRole)r) is { } spec)
            {
                strips[r] = synth.AddStrip(StemRoles.Name((StemRole)r), spec.Preset, spec.Gain, spec.Pan, spec.Reverb, spec.Delay);
                gains[r] = spec.Gain;
                roleOfStrip.Add((StemRole)r);
            }
        }

        var pulsesPerBar = p.MeterInfo.PulsesPerBar;
        var totalBeats = (double)p.Bars * pulsesPerBar;
        var timebase = new Timebase(p.SampleRate, p.TempoBpm);
        var sr = p.SampleRate;
        long loopFrames = 0;
        int passes;
        long renderFrames;
        if (p.IsLoop)
        {
            loopFrames = LoopFrames(p.Bars, pulsesPerBar, p.TempoBpm, sr);
            timebase.SetFramesPerBeat(loopFrames / totalBeats);
            passes = Math.Max(2, 1 + (int)Math.Ceiling(LoopTailSeconds * sr / loopFrames));
            renderFrames = passes * loopFrames;
        }
        else
        {
            passes = 1;
            renderFrames = timebase.FrameAt(totalBeats) + (long)(GeneratedSong.TailSeconds * sr);
        }

        if (renderFrames > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "The music is too long to hold in memory: stream it with CreateStream().");
        }

        var lane = new Lane("song", new PrecomposedSource(scores, passes), strips, pulsesPerBar);
        var sequencer = new Sequencer(synth, timebase, [lane], [gains], [], null, pulsesPerBar, null, null);
        sequencer.Start(0, 1f);

        var mix = AudioBuffer.Create(2, (int)renderFrames, sr);
        var stemBuffers = new AudioBuffer[keepStems ? roleOfStrip.Count : 0];
        try
        {
            for (var i = 0; i < stemBuffers.Length; i++)
            {
                stemBuffers[i] = AudioBuffer.Create(2, (int)renderFrames, sr);
            }

            var sink = keepStems ? new BufferSink(stemBuffers, BlockFrames) : null;
            var block = new float[BlockFrames * 2];
            var left = mix.GetChannel(0);
            var right = mix.GetChannel(1);
            for (long done = 0; done < renderFrames;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = (int)Math.Min(BlockFrames, renderFrames - done);
                var span = block.AsSpan(0, count * 2);
                sequencer.Render(span, sink);
                for (var f = 0; f < count; f++)
                {
                    left[(int)done + f] = span[2 * f];
                    right[(int)done + f] = span[(2 * f) + 1];
                }

                done += count;
                progress?.Report(new ProcessingProgress("render", done, renderFrames));
            }

            AudioBuffer finalMix;
            AudioBuffer[] finalStems;
            if (p.IsLoop)
            {
                finalMix = ExtractLoop(mix, loopFrames, passes);
                finalStems = new AudioBuffer[stemBuffers.Length];
                for (var i = 0; i < stemBuffers.Length; i++)
                {
                    finalStems[i] = ExtractLoop(stemBuffers[i], loopFrames, passes);
                }
            }
            else
            {
                finalMix = mix;
                finalStems = stemBuffers;
                FadeTail(finalMix, finalStems, (int)(0.1 * sr));
            }

            LimitPeak(finalMix, finalStems);
            if (p.IsLoop)
            {
                mix.Dispose();
                foreach (var buffer in stemBuffers)
                {
                    buffer.Dispose();
                }
            }

            var stems = new Dictionary<string, AudioBuffer>(StringComparer.Ordinal);
            for (var i = 0; i < finalStems.Length; i++)
            {
                stems[StemRoles.Name(roleOfStrip[i])] = finalStems[i];
            }

            return new GeneratedSong(request, p, finalMix, stems, Sections(plan, p, timebase), plan, scores);
        }
        catch
        {
            mix.Dispose();
            foreach (var buffer in stemBuffers)
            {
                buffer?.Dispose();
            }

            throw;
        }
    }

    /// <summary>The exact length of a loop in frames: <c>round(bars × pulsesPerBar × 60 / bpm × sampleRate)</c>.</summary>
    public static long LoopFrames(int bars, int pulsesPerBar, double bpm, int sampleRate) =>
        (long)Math.Round(bars * pulsesPerBar * 60.0 * sampleRate / bpm, MidpointRounding.AwayFromZero);

    private static List<SongSection> Sections(IReadOnlyList<PlannedSection> plan, SongParameters p, Timebase timebase)
    {
        var result = new List<SongSection>(plan.Count);
        var bar = 0;
        var ppb = p.MeterInfo.PulsesPerBar;
        foreach (var section in plan)
        {
            var start = timebase.FrameAt((double)bar * ppb);
            var end = timebase.FrameAt((double)(bar + section.Bars) * ppb);
            result.Add(new SongSection(SectionKinds.Name(section.Kind), bar, section.Bars, TimeSpan.FromSeconds((double)start / p.SampleRate), TimeSpan.FromSeconds((double)(end - start) / p.SampleRate)));
            bar += section.Bars;
        }

        return result;
    }

    /// <summary>Keeps the last pass and crossfades its end into the frames before it (which flow into its start).</summary>
    private static AudioBuffer ExtractLoop(AudioBuffer rendered, long loopFrames, int passes)
    {
        var length = (int)loopFrames;
        var start = (int)((passes - 1) * loopFrames);
        var loop = rendered.Slice(start, length);
        var fade = Math.Min(SeamCrossfadeFrames, length / 4);
        for (var c = 0; c < loop.ChannelCount; c++)
        {
            var source = rendered.GetChannel(c);
            var target = loop.GetChannel(c);
            for (var j = 0; j < fade; j++)
            {
                var w = (j + 1f) / fade;
                var i = length - fade + j;
                target[i] = ((1f - w) * source[start + i]) + (w * source[start - fade + j]);
            }
        }

        return loop;
    }

    private static void FadeTail(AudioBuffer mix, AudioBuffer[] stems, int frames)
    {
        frames = Math.Min(frames, mix.FrameCount);
        void Fade(AudioBuffer buffer)
        {
            for (var c = 0; c < buffer.ChannelCount; c++)
            {
                var channel = buffer.GetChannel(c);
                for (var j = 0; j < frames; j++)
                {
                    channel[channel.Length - frames + j] *= 1f - ((j + 1f) / frames);
                }
            }
        }

        Fade(mix);
        foreach (var stem in stems)
        {
            Fade(stem);
        }
    }

    /// <summary>Scales the mix and every stem by one gain when the mix peak exceeds −1 dBFS (stems still sum to the mix).</summary>
    private static void LimitPeak(AudioBuffer mix, AudioBuffer[] stems)
    {
        var peak = 0f;
        for (var c = 0; c < mix.ChannelCount; c++)
        {
            peak = Math.Max(peak, SpanKernels.MaxAbs(mix.GetChannel(c)));
        }

        if (peak <= PeakLimit)
        {
            return;
        }

        var gain = PeakLimit / peak * 0.9999f;
        void Scale(AudioBuffer buffer)
        {
            for (var c = 0; c < buffer.ChannelCount; c++)
            {
                SpanKernels.Scale(buffer.GetChannel(c), gain, buffer.GetChannel(c));
            }
        }

        Scale(mix);
        foreach (var stem in stems)
        {
            Scale(stem);
        }
    }

    /// <summary>Copies planar per-strip output into per-stem stereo buffers.</summary>
    private sealed class BufferSink(AudioBuffer[] stems, int maxFrames) : IStemSink
    {
        private readonly float[] _scratch = new float[stems.Length * 2 * maxFrames];
        private int _frames;

        public Span<float> GetBuffer(int frames)
        {
            _frames = frames;
            return _scratch.AsSpan(0, stems.Length * 2 * frames);
        }

        public void Commit(long frame, int frames)
        {
            for (var s = 0; s < stems.Length; s++)
            {
                for (var c = 0; c < 2; c++)
                {
                    _scratch.AsSpan(((s * 2) + c) * _frames, frames).CopyTo(stems[s].GetChannel(c).Slice((int)frame, frames));
                }
            }
        }
    }
}
