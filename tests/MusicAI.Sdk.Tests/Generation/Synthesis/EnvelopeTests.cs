using MusicAI.Sdk.Generation.Synthesis;

namespace MusicAI.Sdk.Tests.Generation.Synthesis;

public sealed class EnvelopeTests
{
    private const float SampleRate = 48000;

    [Fact]
    public void Adsr_FollowsItsTimes()
    {
        var envelope = Configure(new EnvelopeSpec(0.01f, 0.2f, 0.5f, 0.3f));
        envelope.Trigger();
        var levels = Trace(ref envelope, 48000, releaseAt: 24000);

        // Linear attack: 1 at 10 ms (480 samples), half way at 5 ms.
        Assert.Equal(0.5f, levels[239], 0.01f);
        Assert.Equal(1f, levels[479], 1e-3f);

        // Exponential decay: the distance to the sustain level falls 60 dB in 0.2 s.
        var distance = levels[480 + 9600] - 0.5f;
        Assert.InRange(distance, 0.5f * 0.0008f, 0.5f * 0.0012f);
        Assert.Equal(0.5f, levels[20000], 1e-4f);

        // Release from 0.5: a factor 1000 every 0.3 s; idle (0) once below 1e-3 of full scale, i.e. after
        // 0.3 s · ln(500) / ln(1000).
        Assert.InRange(levels[24000 + 9600], 0.5f * 0.008f, 0.5f * 0.012f); // 0.2 s: −40 dB
        var idleAt = Array.FindIndex(levels, 24000, v => v == 0f);
        var expected = 0.3 * Math.Log(500) / Math.Log(1000) * SampleRate;
        Assert.InRange(idleAt - 24000, expected - 10, expected + 10);
    }

    [Fact]
    public void LinearSegments_AreStraightLines()
    {
        var envelope = Configure(new EnvelopeSpec(0f, 0.1f, 0.25f, 0.2f, Exponential: false));
        envelope.Trigger();
        var levels = Trace(ref envelope, 20000, releaseAt: 10000);

        Assert.Equal(1f, levels[0]);
        Assert.Equal(1f - (0.75f * 0.5f), levels[2400], 2e-3f); // half way down the 0.1 s decay
        Assert.Equal(0.25f, levels[9000], 1e-6f);
        Assert.Equal(0.125f, levels[10000 + 4800], 2e-3f); // half way through the 0.2 s release
        Assert.Equal(0f, levels[10000 + 9700]);
    }

    [Fact]
    public void Retrigger_StartsFromTheCurrentLevel()
    {
        var envelope = Configure(new EnvelopeSpec(0.05f, 0.1f, 0.6f, 0.5f));
        envelope.Trigger();
        envelope.Advance(48000);
        envelope.Release();
        envelope.Advance(4800);
        var before = envelope.Level;
        envelope.Trigger();
        envelope.Advance(1);

        Assert.InRange(envelope.Level - before, 0f, 1f / (0.05f * SampleRate) + 1e-6f);
        Assert.Equal(EnvelopeStage.Attack, envelope.Stage);
    }

    [Fact]
    public void AdvancingInBlocks_MatchesAdvancingPerSample()
    {
        var a = Configure(new EnvelopeSpec(0.003f, 0.3f, 0.4f, 0.2f));
        var b = a;
        a.Trigger();
        b.Trigger();
        for (var i = 0; i < 64 * 300; i++)
        {
            a.Advance(1);
        }

        for (var i = 0; i < 300; i++)
        {
            b.Advance(64);
        }

        Assert.Equal(a.Level, b.Level, 1e-4f);
        Assert.Equal(a.Stage, b.Stage);
    }

    [Fact]
    public void PercussiveEnvelope_EndsWithoutNoteOff()
    {
        var envelope = Configure(new EnvelopeSpec(0.001f, 0.5f, 0f, 0.1f));
        envelope.Trigger();
        envelope.Advance((int)(0.7f * SampleRate));

        Assert.True(envelope.IsIdle);
    }

    private static Envelope Configure(EnvelopeSpec spec)
    {
        var envelope = default(Envelope);
        envelope.Configure(spec, SampleRate, 64);
        return envelope;
    }

    private static float[] Trace(ref Envelope envelope, int length, int releaseAt)
    {
        var levels = new float[length];
        for (var i = 0; i < length; i++)
        {
            if (i == releaseAt)
            {
                envelope.Release();
            }

            envelope.Advance(1);
            levels[i] = envelope.Level;
        }

        return levels;
    }
}
