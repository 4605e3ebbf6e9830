using MusicAI.Sdk.Generation;
using MusicAI.Sdk.Generation.Composition;
using MusicAI.Sdk.Generation.Theory;

namespace MusicAI.Sdk.Tests.Generation;

/// <summary>Helpers shared by the generation tests.</summary>
internal static class TestGenerators
{
    /// <summary>A generator whose synthesizer is the exact <see cref="TestSynthesizer"/>.</summary>
    public static SongGenerator WithTestSynth(SongGeneratorOptions? options = null, float amplitude = 0.15f) => new(options, (sr, _) => new TestSynthesizer(sr, amplitude));

    /// <summary>Composes every section of a request's plan (symbolic, no audio).</summary>
    public static (SongParameters Parameters, SectionComposer Composer, List<SectionScore> Sections) Compose(GenerationRequest request)
    {
        var p = request.Resolve();
        var composer = new SectionComposer(p);
        var plan = SongPlanner.Plan(p.Bars, p.IsLoop);
        var sections = new List<SectionScore>();
        for (var i = 0; i < plan.Count; i++)
        {
            var s = new SectionScore();
            composer.Compose(s, plan[i].Kind, plan[i].Bars, plan[i].Occurrence, 0, p.IsLoop && i == plan.Count - 1);
            sections.Add(s);
        }

        return (p, composer, sections);
    }

    /// <summary>The absolute scale degree of a pitch relative to a tonic (octave × 7 + degree), or null when it is not in the mode.</summary>
    public static int? Degree(int pitch, int tonicMidi, MusicMode mode)
    {
        var semitones = pitch - tonicMidi;
        var degree = Scale.DegreeOfPitchClass(mode, semitones);
        if (degree < 0)
        {
            return null;
        }

        var octave = Scale.FloorDiv(semitones - Scale.Intervals(mode)[degree], 12);
        return (octave * 7) + degree;
    }

    public static int MelodyTonic(SongParameters p) => p.TonicMidi + 12 + (12 * p.Preset.MelodyOctave);

    public static readonly MusicStyle[] AllStyles = Enum.GetValues<MusicStyle>();
}
