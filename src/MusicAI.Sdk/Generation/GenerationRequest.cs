using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Generation.Composition;
using MusicAI.Sdk.Generation.Prompts;

namespace MusicAI.Sdk.Generation;

/// <summary>
/// One generation request, built fluently from a <see cref="SongGenerator"/>: prompt, style, tempo, key, length,
/// loop, stems, seed. Every <c>With…</c> call returns a new request; a request never changes, so one can be shared,
/// reused and varied freely (<c>baseRequest.WithSeed(1)</c>, <c>baseRequest.WithSeed(2)</c>).
/// </summary>
/// <remarks>
/// <para><b>Precedence.</b> Values set with <c>With…</c> win over the prompt (a warning says so when they differ);
/// explicit numbers in the prompt win over words ("slow 140 bpm" plays at 140); what neither gives comes from the
/// style preset and the seed.</para>
/// <para><b>Seed.</b> Without <see cref="WithSeed"/>, the seed is a stable 31-bit hash of the request, so the same
/// request always gives the same music; <see cref="SongParameters.Seed"/> reports it.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
[Experimental("MUSICAI001")]
public sealed class GenerationRequest
{
    /// <summary>The largest bar count a request accepts.</summary>
    public const int MaxBars = 100_000;

    private readonly SongGenerator _generator;
    private string? _prompt;
    private MusicStyle? _style;
    private double? _tempo;
    private MusicKey? _key;
    private int? _tonicMidi;
    private MusicMeter? _meter;
    private long? _seed;
    private int? _bars;
    private TimeSpan? _duration;
    private bool? _loop;
    private bool _stems;
    private int? _sampleRate;
    private double? _energy;
    private string? _mood;
    private bool?[] _stemEnabled = new bool?[StemRoles.Count];
    private string?[] _instruments = new string?[StemRoles.Count];

    internal GenerationRequest(SongGenerator generator) => _generator = generator;

    internal string? Prompt => _prompt;

    internal MusicStyle? Style => _style;

    internal double? Tempo => _tempo;

    internal MusicKey? Key => _key;

    internal int? TonicMidi => _tonicMidi;

    internal MusicMeter? Meter => _meter;

    internal long? Seed => _seed;

    internal int? Bars => _bars;

    internal TimeSpan? Duration => _duration;

    internal bool? Loop => _loop;

    internal bool IncludesStems => _stems;

    internal int? SampleRate => _sampleRate;

    internal double? Energy => _energy;

    internal string? Mood => _mood;

    internal SongGenerator Generator => _generator;

    /// <summary>
    /// Sets the text prompt, read by a documented keyword mapping (not a neural model): style, tempo ("90 bpm"),
    /// key ("in D minor"), mood ("dark", "calm"), loop, length ("16 bars", "30 seconds"), metre ("6/8"), stems
    /// ("no drums", "with strings").
    /// </summary>
    /// <param name="prompt">For example <c>"dark 90 bpm combat loop in D minor"</c>.</param>
    /// <returns>A new request.</returns>
    /// <remarks>Unknown words are ignored and listed in <see cref="SongParameters.IgnoredWords"/>; conflicts are resolved as documented and listed in <see cref="SongParameters.Warnings"/>.</remarks>
    public GenerationRequest WithPrompt(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return Copy(r => r._prompt = prompt);
    }

    /// <summary>Sets the style preset.</summary>
    /// <param name="style">The style.</param>
    /// <returns>A new request.</returns>
    public GenerationRequest WithStyle(MusicStyle style)
    {
        if (!Enum.IsDefined(style))
        {
            throw new ArgumentOutOfRangeException(nameof(style), style, $"Unknown style. Styles: {StyleCatalog.NameList}.");
        }

        return Copy(r => r._style = style);
    }

    /// <summary>Sets the style preset by name.</summary>
    /// <param name="style">A style name or alias: ambient, lo-fi, synthwave, orchestral, rock, chiptune, combat (tension), exploration (calm).</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentException">The name is not a style; the message lists the styles.</exception>
    public GenerationRequest WithStyle(string style)
    {
        ArgumentNullException.ThrowIfNull(style);
        var parsed = StyleCatalog.Parse(style)
            ?? throw new ArgumentException($"Unknown style '{style}'. Styles: {StyleCatalog.NameList}.", nameof(style));
        return WithStyle(parsed);
    }

    /// <summary>Sets the tempo.</summary>
    /// <param name="bpm">Beats (pulses) per minute, 40 to 240. In 6/8 the pulse is the dotted quarter.</param>
    /// <returns>A new request.</returns>
    /// <remarks>Default: from the prompt, else a tempo in the style's range chosen by the seed.</remarks>
    public GenerationRequest WithTempo(double bpm)
    {
        if (!double.IsFinite(bpm) || bpm < PromptParser.MinTempo || bpm > PromptParser.MaxTempo)
        {
            throw new ArgumentOutOfRangeException(nameof(bpm), bpm, $"The tempo must be {PromptParser.MinTempo} to {PromptParser.MaxTempo} BPM.");
        }

        return Copy(r => r._tempo = bpm);
    }

    /// <summary>Sets the key.</summary>
    /// <param name="key">For example <c>"D minor"</c>, <c>"Eb major"</c>, <c>"F#m"</c>, <c>"Ebmaj"</c>, <c>"C# dorian"</c>.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentException">The text is not a key; the message shows the accepted forms.</exception>
    public GenerationRequest WithKey(string key) => WithKey(MusicKey.Parse(key));

    /// <summary>Sets the key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>A new request.</returns>
    public GenerationRequest WithKey(MusicKey key) => Copy(r =>
    {
        r._key = key;
        r._tonicMidi = null;
    });

    /// <summary>Sets the metre.</summary>
    /// <param name="meter">4/4, 3/4 or 6/8.</param>
    /// <returns>A new request.</returns>
    /// <remarks>Default: from the prompt, else chosen by the seed among the style's metres.</remarks>
    public GenerationRequest WithMeter(MusicMeter meter)
    {
        if (!Enum.IsDefined(meter))
        {
            throw new ArgumentOutOfRangeException(nameof(meter), meter, "The metre must be FourFour, ThreeFour or SixEight.");
        }

        return Copy(r => r._meter = meter);
    }

    /// <summary>Sets the seed: the same seed and parameters always give bit-identical audio.</summary>
    /// <param name="seed">Any number.</param>
    /// <returns>A new request.</returns>
    public GenerationRequest WithSeed(long seed) => Copy(r => r._seed = seed);

    /// <summary>Sets the length in bars (wins over <see cref="WithDuration"/>).</summary>
    /// <param name="bars">1 to <see cref="MaxBars"/>.</param>
    /// <returns>A new request.</returns>
    /// <remarks>Default: 8 bars for a loop, about 60 seconds (a multiple of 4 bars) for a song.</remarks>
    public GenerationRequest WithBars(int bars)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bars);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bars, MaxBars);
        return Copy(r =>
        {
            r._bars = bars;
            r._duration = null;
        });
    }

    /// <summary>Sets the length as a duration, rounded to the nearest whole bar (at least one).</summary>
    /// <param name="duration">More than 0. Offline rendering refuses more than <see cref="SongGeneratorOptions.MaxOfflineDuration"/>; a stream plays any length.</param>
    /// <returns>A new request.</returns>
    public GenerationRequest WithDuration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero || duration > TimeSpan.FromDays(30))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "The duration must be more than 0 and at most 30 days.");
        }

        return Copy(r =>
        {
            r._duration = duration;
            r._bars = null;
        });
    }

    /// <summary>Makes the music a seamless loop of whole bars (or a song, with <paramref name="loop"/> false).</summary>
    /// <param name="loop">Whether to loop.</param>
    /// <returns>A new request.</returns>
    /// <remarks>
    /// A loop of N bars is exactly <c>round(N × beatsPerBar × 60 / bpm × sampleRate)</c> samples, with its release
    /// and reverb tail folded onto its head, so it repeats without a click. No intro or outro.
    /// </remarks>
    public GenerationRequest AsLoop(bool loop = true) => Copy(r => r._loop = loop);

    /// <summary>Asks for per-stem audio in <see cref="GeneratedSong.Stems"/> (the stems sum to the mix).</summary>
    /// <param name="include">Whether to keep per-stem audio.</param>
    /// <returns>A new request.</returns>
    /// <remarks>Default off: only the mix is kept. MIDI of every stem is always available.</remarks>
    public GenerationRequest WithStems(bool include = true) => Copy(r => r._stems = include);

    /// <summary>Sets the output sample rate.</summary>
    /// <param name="sampleRate">8 000 to 192 000 Hz.</param>
    /// <returns>A new request.</returns>
    /// <remarks>Default: <see cref="SongGeneratorOptions.SampleRate"/> (48 kHz).</remarks>
    public GenerationRequest WithSampleRate(int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8_000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 192_000);
        return Copy(r => r._sampleRate = sampleRate);
    }

    /// <summary>Sets the energy: drum density, rhythmic activity, velocities.</summary>
    /// <param name="energy">0 (sparse, soft) to 1 (dense, loud).</param>
    /// <returns>A new request.</returns>
    /// <remarks>Default: the style's energy, moved by mood words in the prompt ("calm", "intense").</remarks>
    public GenerationRequest WithEnergy(double energy)
    {
        if (!double.IsFinite(energy) || energy < 0 || energy > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(energy), energy, "The energy must be 0 to 1.");
        }

        return Copy(r => r._energy = energy);
    }

    /// <summary>Mutes or enables a stem.</summary>
    /// <param name="stem">drums, bass, chords, pad, melody or strings (strings is off unless enabled).</param>
    /// <param name="enabled">Whether the stem plays.</param>
    /// <returns>A new request.</returns>
    public GenerationRequest WithStemEnabled(string stem, bool enabled)
    {
        var role = ParseStem(stem);
        return Copy(r =>
        {
            r._stemEnabled = (bool?[])_stemEnabled.Clone();
            r._stemEnabled[(int)role] = enabled;
        });
    }

    /// <summary>Chooses the synthesizer preset a stem plays.</summary>
    /// <param name="stem">drums, bass, chords, pad, melody or strings.</param>
    /// <param name="preset">A preset name of the synthesizer's instrument catalog (drum stems need a drum kit).</param>
    /// <returns>A new request.</returns>
    /// <remarks>The preset name is checked when the music is generated.</remarks>
    public GenerationRequest WithInstrument(string stem, string preset)
    {
        var role = ParseStem(stem);
        ArgumentException.ThrowIfNullOrWhiteSpace(preset);
        return Copy(r =>
        {
            r._instruments = (string?[])_instruments.Clone();
            r._instruments[(int)role] = preset.Trim();
        });
    }

    /// <summary>
    /// Applies an editing instruction to this request's resolved parameters, keeping its seed, so the re-rendered
    /// music keeps its themes, chords and rhythms except for what the instruction changes.
    /// </summary>
    /// <param name="instruction">
    /// For example <c>"remove drums"</c>, <c>"make it calmer"</c>, <c>"transpose up 2"</c>, <c>"faster"</c>,
    /// <c>"add strings"</c>, <c>"in E minor"</c>, <c>"darker"</c>; several joined with commas or "and".
    /// </param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentException">An instruction is not understood; the message lists what is.</exception>
    public GenerationRequest Edit(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        return EditInstructions.Apply(Pin(Resolve()), instruction);
    }

    /// <summary>Resolves the prompt, the explicit values, the style defaults and the seed into parameters.</summary>
    /// <returns>The parameters this request generates with.</returns>
    /// <exception cref="ArgumentException">The request mutes every stem or names an unknown instrument.</exception>
    public SongParameters Resolve() => ParameterResolver.Resolve(this, _generator.Options);

    /// <summary>
    /// Composes and renders the music offline.
    /// </summary>
    /// <param name="progress">Optional progress (stage <c>"render"</c>, in frames).</param>
    /// <param name="cancellationToken">Cancels between render blocks.</param>
    /// <returns>The song; dispose it to return its audio memory.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The music is longer than <see cref="SongGeneratorOptions.MaxOfflineDuration"/>: stream it with <see cref="CreateStream"/>.
    /// </exception>
    public Task<GeneratedSong> GenerateAsync(IProgress<ProcessingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        _generator.GenerateCoreAsync(this, progress, cancellationToken);

    /// <summary>
    /// Creates an adaptive, endless stream of this music (explore, combat and victory states on one theme) that an
    /// audio callback pulls from without allocating.
    /// </summary>
    /// <returns>The stream; dispose it when done.</returns>
    public AdaptiveMusicStream CreateStream() => _generator.CreateStreamCore(this);

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder("GenerationRequest");
        void Append(string name, object? value)
        {
            if (value is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $" {name}={value}");
            }
        }

        Append("prompt", _prompt is null ? null : $"\"{_prompt}\"");
        Append("style", _style);
        Append("bpm", _tempo);
        Append("key", _key);
        Append("meter", _meter);
        Append("bars", _bars);
        Append("duration", _duration);
        Append("loop", _loop);
        Append("seed", _seed);
        return text.ToString();
    }

    internal bool? StemEnabled(StemRole role) => _stemEnabled[(int)role];

    internal string? InstrumentOverride(StemRole role) => _instruments[(int)role];

    /// <summary>A copy with every resolved value pinned explicitly (the prompt dropped): it resolves to the same parameters.</summary>
    internal GenerationRequest Pin(SongParameters p) => new GenerationRequest(_generator)
    {
        _style = p.Style,
        _tempo = p.TempoBpm,
        _key = p.Key,
        _tonicMidi = p.TonicMidi,
        _meter = p.Meter,
        _seed = p.Seed,
        _bars = p.Bars,
        _loop = p.IsLoop,
        _stems = _stems,
        _sampleRate = p.SampleRate,
        _energy = p.Energy,
        _mood = p.Mood,
        _stemEnabled = PinnedStems(p),
        _instruments = PinnedInstruments(p),
    };

    /// <summary>Internal edit hook: a copy with one change applied.</summary>
    internal GenerationRequest Copy(Action<GenerationRequest> change)
    {
        var copy = (GenerationRequest)MemberwiseClone();
        change(copy);
        return copy;
    }

    internal void SetTonicMidi(int tonicMidi) => _tonicMidi = tonicMidi;

    internal void SetKeyKeepingRegister(MusicKey key) => _key = key;

    internal void SetTempoUnchecked(double bpm) => _tempo = bpm;

    internal void SetEnergyUnchecked(double energy) => _energy = energy;

    internal void SetStyleKeepingRest(MusicStyle style) => _style = style;

    internal void SetBarsUnchecked(int bars) => _bars = bars;

    internal void SetMood(string mood) => _mood = mood;

    internal void SetStem(StemRole role, bool enabled)
    {
        _stemEnabled = (bool?[])_stemEnabled.Clone();
        _stemEnabled[(int)role] = enabled;
    }

    internal void SetInstrument(StemRole role, string? preset)
    {
        _instruments = (string?[])_instruments.Clone();
        _instruments[(int)role] = preset;
    }

    private static bool?[] PinnedStems(SongParameters p)
    {
        var result = new bool?[StemRoles.Count];
        for (var r = 0; r < result.Length; r++)
        {
            result[r] = p.Instrument((StemRole)r) is not null;
        }

        return result;
    }

    private static string?[] PinnedInstruments(SongParameters p)
    {
        var result = new string?[StemRoles.Count];
        for (var r = 0; r < result.Length; r++)
        {
            result[r] = p.Instrument((StemRole)r)?.Preset;
        }

        return result;
    }

    private static StemRole ParseStem(string stem)
    {
        ArgumentNullException.ThrowIfNull(stem);
        return StemRoles.Parse(stem)
            ?? throw new ArgumentException($"Unknown stem '{stem}'. Stems: {string.Join(", ", StemRoles.Names.ToArray())}.", nameof(stem));
    }
}
