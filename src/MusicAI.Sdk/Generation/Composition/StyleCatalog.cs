namespace MusicAI.Sdk.Generation.Composition;

/// <summary>The eight style presets and their names (see <c>docs/generation.md</c>).</summary>
internal static class StyleCatalog
{
    // General MIDI drum map pitches.
    public const int Kick = 36;
    public const int SideStick = 37;
    public const int Snare = 38;
    public const int Clap = 39;
    public const int ClosedHat = 42;
    public const int OpenHat = 46;
    public const int Crash = 49;
    public const int Ride = 51;
    public const int LowFloorTom = 41;
    public const int LowTom = 45;
    public const int MidTom = 47;
    public const int HighTom = 50;
    public const int Tambourine = 54;
    public const int Shaker = 70;

    private static readonly StylePreset[] s_presets =
    [
        new StylePreset
        {
            Style = MusicStyle.Ambient,
            Name = "ambient",
            ReverbSeconds = 5.0f,
            ReverbDamping = 0.5f,
            DelayBeats = 0.75f,
            DelayFeedback = 0.5f,
            MinTempo = 60,
            MaxTempo = 84,
            MeterWeights = [0.6, 0.3, 0.1],
            ModeWeights = [0.3, 0.2, 0.2, 0, 0.3, 0, 0],
            MajorProgressions = [[0, 3, 5, 4], [0, 1, 0, 3], [0, 5, 1, 3], [3, 0, 4, 5]],
            MinorProgressions = [[0, 5, 0, 6], [0, 3, 0, 5], [0, 6, 0, 3], [0, 5, 3, 0]],
            BarsPerChord = 2,
            SeventhProbability = 0.5,
            Instruments =
            [
                new("drums-808", 0, 0.35f, 0f, 0.35f, 0.1f),
                new("sub-bass", 38, 0.55f, 0f, 0.1f, 0f),
                new("electric-piano", 4, 0.4f, -0.25f, 0.45f, 0.2f),
                new("warm-pad", 89, 0.5f, 0.1f, 0.5f, 0f),
                new("fm-bell", 14, 0.4f, 0.2f, 0.5f, 0.35f),
                new("strings", 48, 0.35f, -0.15f, 0.5f, 0f),
            ],
            Groove =
            [
                new(Kick, "o..............."),
                new(Shaker, "..-...-...-...-."),
                new(SideStick, "........-......."),
            ],
            Bass = BassStyle.Sustain,
            Chords = ChordRhythm.Sustain,
            MelodyNotesPerBar = (2, 3),
            MotifBars = 2,
            MelodyOctave = 1,
            Energy = 0.25,
            QuietDrums = true,
        },
        new StylePreset
        {
            Style = MusicStyle.LoFi,
            Name = "lo-fi",
            ReverbSeconds = 1.0f,
            ReverbDamping = 0.7f,
            DelayBeats = 0.75f,
            DelayFeedback = 0.3f,
            MinTempo = 70,
            MaxTempo = 90,
            MeterWeights = [0.95, 0.05, 0],
            ModeWeights = [0.3, 0.25, 0.35, 0, 0, 0.1, 0],
            MajorProgressions = [[1, 4, 0, 5], [0, 5, 1, 4], [3, 2, 1, 0], [0, 3, 2, 5]],
            MinorProgressions = [[0, 3, 0, 3], [0, 3, 6, 2], [0, 5, 3, 4], [0, 6, 5, 4]],
            BarsPerChord = 1,
            SeventhProbability = 1.0,
            Instruments =
            [
                new("drums-lofi", 0, 0.6f, 0f, 0.1f, 0f),
                new("fm-bass", 32, 0.6f, 0f, 0.05f, 0f),
                new("lofi-keys", 4, 0.5f, -0.2f, 0.25f, 0.1f),
                new("warm-pad", 89, 0.3f, 0.2f, 0.35f, 0f),
                new("soft-piano", 0, 0.45f, 0.15f, 0.3f, 0.2f),
                new("string-pad", 50, 0.3f, -0.3f, 0.4f, 0f),
            ],
            Groove =
            [
                new(Kick, "x......o..o....."),
                new(Snare, "....x.......x..."),
                new(ClosedHat, "o.o.o.o.o.o.o.o-"),
                new(SideStick, "..........-....."),
            ],
            Swing = 0.6,
            Bass = BassStyle.RootFifthApproach,
            Chords = ChordRhythm.Comping,
            MelodyNotesPerBar = (3, 5),
            Energy = 0.45,
        },
        new StylePreset
        {
            Style = MusicStyle.Synthwave,
            Name = "synthwave",
            ReverbSeconds = 2.6f,
            ReverbDamping = 0.35f,
            DelayBeats = 0.75f,
            DelayFeedback = 0.45f,
            MinTempo = 84,
            MaxTempo = 118,
            MeterWeights = [1, 0, 0],
            ModeWeights = [0.2, 0.45, 0.2, 0, 0, 0.15, 0],
            MajorProgressions = [[5, 3, 0, 4], [0, 4, 5, 3], [0, 6, 3, 0], [3, 4, 5, 5]],
            MinorProgressions = [[0, 5, 2, 6], [0, 6, 5, 6], [0, 5, 6, 0], [0, 3, 5, 6]],
            BarsPerChord = 1,
            SeventhProbability = 0.2,
            Instruments =
            [
                new("drums-808", 0, 0.6f, 0f, 0.2f, 0f),
                new("saw-bass", 38, 0.55f, 0f, 0.05f, 0f),
                new("pluck", 84, 0.35f, -0.3f, 0.3f, 0.3f),
                new("string-pad", 50, 0.35f, 0.25f, 0.45f, 0f),
                new("saw-lead", 81, 0.4f, 0.05f, 0.3f, 0.3f),
                new("string-pad", 50, 0.3f, -0.2f, 0.4f, 0f),
            ],
            Groove =
            [
                new(Kick, "x.......x.o....."),
                new(Snare, "....x.......x..."),
                new(ClosedHat, "o.o.o.o.o.o.o.o."),
                new(OpenHat, "..............-."),
            ],
            Bass = BassStyle.Pulse8,
            Chords = ChordRhythm.Arpeggio16,
            MelodyNotesPerBar = (3, 6),
            Energy = 0.65,
        },
        new StylePreset
        {
            Style = MusicStyle.Orchestral,
            Name = "orchestral",
            ReverbSeconds = 2.8f,
            ReverbDamping = 0.5f,
            DelayBeats = 0.75f,
            DelayFeedback = 0.3f,
            MinTempo = 70,
            MaxTempo = 110,
            MeterWeights = [0.6, 0.3, 0.1],
            ModeWeights = [0.3, 0.35, 0.1, 0, 0, 0, 0.25],
            MajorProgressions = [[0, 3, 4, 0], [0, 5, 3, 4], [0, 3, 0, 4], [0, 4, 5, 3]],
            MinorProgressions = [[0, 3, 4, 0], [0, 5, 2, 6], [0, 5, 3, 4], [0, 6, 5, 4]],
            BarsPerChord = 1,
            SeventhProbability = 0.1,
            Instruments =
            [
                new("drums-acoustic", 0, 0.55f, 0f, 0.35f, 0f),
                new("strings", 43, 0.55f, 0.1f, 0.3f, 0f),
                new("strings", 48, 0.45f, -0.25f, 0.35f, 0f),
                new("choir-pad", 52, 0.3f, 0.2f, 0.45f, 0f),
                new("brass-stab", 60, 0.45f, 0.1f, 0.35f, 0f),
                new("strings", 48, 0.35f, 0.3f, 0.4f, 0f),
            ],
            Groove =
            [
                new(LowFloorTom, "x.......o......."),
                new(Snare, "............-.--"),
                new(Crash, "................"),
            ],
            Bass = BassStyle.HalfNotes,
            Chords = ChordRhythm.Sustain,
            MelodyNotesPerBar = (2, 4),
            Energy = 0.5,
            QuietDrums = true,
        },
        new StylePreset
        {
            Style = MusicStyle.Rock,
            Name = "rock",
            ReverbSeconds = 1.2f,
            ReverbDamping = 0.45f,
            DelayBeats = 0.75f,
            DelayFeedback = 0.3f,
            MinTempo = 100,
            MaxTempo = 150,
            MeterWeights = [1, 0, 0],
            ModeWeights = [0.35, 0.3, 0.1, 0, 0, 0.25, 0],
            MajorProgressions = [[0, 4, 5, 3], [0, 6, 3, 0], [0, 3, 4, 3], [5, 3, 0, 4]],
            MinorProgressions = [[0, 5, 6, 0], [0, 6, 5, 6], [0, 3, 6, 0], [0, 2, 6, 3]],
            BarsPerChord = 1,
            SeventhProbability = 0,
            Instruments =
            [
                new("drums-acoustic", 0, 0.65f, 0f, 0.15f, 0f),
                new("picked-bass", 34, 0.6f, 0f, 0.05f, 0f),
                new("guitar-lead", 29, 0.4f, -0.35f, 0.15f, 0f),
                new("organ", 18, 0.25f, 0.3f, 0.2f, 0f),
                new("saw-lead", 81, 0.4f, 0.1f, 0.2f, 0.15f),
                new("strings", 48, 0.3f, 0.25f, 0.3f, 0f),
            ],
            Groove =
            [
                new(Kick, "x.....o.o......."),
                new(Snare, "....x.......x..."),
                new(ClosedHat, "o.o.o.o.o.o.o.o."),
            ],
            Bass = BassStyle.Pulse8,
            Chords = ChordRhythm.Stabs8,
            MelodyNotesPerBar = (4, 6),
            Energy = 0.75,
        },
        new StylePreset
        {
            Style = MusicStyle.Chiptune,
            Name = "chiptune",
            ReverbSeconds = 0.8f,
            ReverbDamping = 0.3f,
            DelayBeats = 0.75f,
            DelayFeedback = 0.35f,
            MinTempo = 120,
            MaxTempo = 160,
            MeterWeights = [0.9, 0.1, 0],
            ModeWeights = [0.5, 0.35, 0, 0, 0, 0.15, 0],
            MajorProgressions = [[0, 4, 5, 3], [5, 3, 0, 4], [0, 3, 4, 3], [0, 5, 3, 4]],
            MinorProgressions = [[0, 5, 6, 0], [0, 6, 5, 6], [0, 3, 4, 0], [5, 6, 0, 0]],
            BarsPerChord = 1,
            SeventhProbability = 0,
            Instruments =
            [
                new("drums-chip", 0, 0.5f, 0f, 0f, 0f),
                new("chip-triangle-bass", 38, 0.6f, 0f, 0f, 0f),
                new("chip-pulse-12", 80, 0.3f, -0.3f, 0.05f, 0f),
                new("chip-pulse-25", 80, 0.2f, 0.3f, 0.1f, 0f),
                new("chip-square", 80, 0.4f, 0f, 0.05f, 0.15f),
                new("strings", 48, 0.25f, 0.2f, 0.2f, 0f),
            ],
            Groove =
            [
                new(Kick, "x.......x.o....."),
                new(Snare, "....x.......x..."),
                new(ClosedHat, "o.o.o.o.o.o.o.o."),
            ],
            Bass = BassStyle.Octave8,
            Chords = ChordRhythm.Arpeggio16,
            MelodyNotesPerBar = (4, 7),
            MelodySixteenths = true,
            MelodyOctave = 1,
            Energy = 0.75,
        },
        new StylePreset
        {
            Style = MusicStyle.Combat,
            Name = "combat",
            ReverbSeconds = 1.8f,
            ReverbDamping = 0.45f,
            DelayBeats = 0.75f,
            DelayFeedback = 0.3f,
            MinTempo = 120,
            MaxTempo = 170,
            MeterWeights = [0.8, 0.05, 0.15],
            ModeWeights = [0, 0.35, 0, 0.3, 0, 0, 0.35],
            MajorProgressions = [[0, 5, 3, 4], [0, 6, 3, 0], [0, 3, 4, 0], [5, 3, 4, 4]],
            MinorProgressions = [[0, 1, 0, 6], [0, 5, 6, 0], [0, 3, 4, 0], [0, 0, 5, 4], [0, 5, 0, 1]],
            BarsPerChord = 1,
            SeventhProbability = 0,
            Instruments =
            [
                new("drums-acoustic", 0, 0.65f, 0f, 0.2f, 0f),
                new("saw-bass", 38, 0.6f, 0f, 0.05f, 0f),
                new("strings", 48, 0.4f, -0.3f, 0.25f, 0f),
                new("wavetable-pad", 95, 0.3f, 0.2f, 0.4f, 0f),
                new("brass-stab", 61, 0.45f, 0.1f, 0.3f, 0f),
                new("strings", 48, 0.35f, 0.3f, 0.35f, 0f),
            ],
            Groove =
            [
                new(Kick, "x..o..o.x..o..o."),
                new(Snare, "....x.......x..."),
                new(LowTom, "..-...-...-...-."),
                new(ClosedHat, "o-o-o-o-o-o-o-o-"),
            ],
            Bass = BassStyle.Gallop16,
            Chords = ChordRhythm.Staccato8,
            MelodyNotesPerBar = (3, 6),
            Energy = 0.85,
        },
        new StylePreset
        {
            Style = MusicStyle.Exploration,
            Name = "exploration",
            ReverbSeconds = 2.4f,
            ReverbDamping = 0.5f,
            DelayBeats = 0.75f,
            DelayFeedback = 0.35f,
            MinTempo = 72,
            MaxTempo = 100,
            MeterWeights = [0.55, 0.2, 0.25],
            ModeWeights = [0.4, 0, 0.2, 0, 0.25, 0.15, 0],
            MajorProgressions = [[0, 4, 5, 3], [0, 2, 3, 4], [0, 3, 0, 4], [3, 0, 4, 5]],
            MinorProgressions = [[0, 3, 6, 2], [0, 6, 5, 6], [0, 3, 0, 6], [0, 5, 3, 6]],
            BarsPerChord = 1,
            SeventhProbability = 0.3,
            Instruments =
            [
                new("drums-acoustic", 0, 0.4f, 0f, 0.25f, 0f),
                new("fm-bass", 33, 0.5f, 0f, 0.1f, 0f),
                new("soft-piano", 0, 0.45f, -0.3f, 0.35f, 0.1f),
                new("warm-pad", 89, 0.4f, 0.2f, 0.45f, 0f),
                new("flute-lead", 73, 0.45f, 0.1f, 0.35f, 0.1f),
                new("strings", 48, 0.35f, -0.15f, 0.4f, 0f),
            ],
            Groove =
            [
                new(Kick, "o.......o......."),
                new(SideStick, "....o.......o..."),
                new(Shaker, "-.-.-.-.-.-.-.-."),
            ],
            Bass = BassStyle.RootFifthApproach,
            Chords = ChordRhythm.Arpeggio8,
            MelodyNotesPerBar = (3, 5),
            Energy = 0.4,
            QuietDrums = true,
        },
    ];

    /// <summary>Every preset, in <see cref="MusicStyle"/> order.</summary>
    public static IReadOnlyList<StylePreset> All => s_presets;

    /// <summary>The style names for messages: "ambient, lo-fi, …".</summary>
    public static string NameList => "ambient, lo-fi, synthwave, orchestral, rock, chiptune, combat (tension), exploration (calm)";

    public static StylePreset Get(MusicStyle style) => s_presets[(int)style];

    /// <summary>Parses a style name or alias (case-insensitive); null when unknown.</summary>
    public static MusicStyle? Parse(string text) => Normalize(text) switch
    {
        "ambient" or "atmospheric" or "drone" => MusicStyle.Ambient,
        "lofi" or "lofihiphop" or "chillhop" => MusicStyle.LoFi,
        "synthwave" or "retrowave" or "outrun" or "synthpop" or "80s" => MusicStyle.Synthwave,
        "orchestral" or "orchestra" or "cinematic" or "symphonic" or "epic" => MusicStyle.Orchestral,
        "rock" or "guitar" or "punk" => MusicStyle.Rock,
        "chiptune" or "chip" or "8bit" or "nes" or "retrogame" => MusicStyle.Chiptune,
        "combat" or "tension" or "battle" or "fight" or "boss" or "action" or "chase" or "tense" => MusicStyle.Combat,
        "exploration" or "explore" or "exploring" or "calm" or "peaceful" or "adventure" or "adventurous" or "pastoral" or "overworld" => MusicStyle.Exploration,
        _ => null,
    };

    private static string Normalize(string text)
    {
        Span<char> buffer = stackalloc char[Math.Min(text.Length, 64)];
        var n = 0;
        foreach (var c in text)
        {
            if (n == buffer.Length)
            {
                break;
            }

            if (char.IsLetterOrDigit(c))
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..n]);
    }
}
