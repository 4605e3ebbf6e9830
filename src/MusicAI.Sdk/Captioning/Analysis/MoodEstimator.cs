namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>
/// Valence and arousal from measured properties by a fixed, documented formula (not a model).
/// </summary>
/// <remarks>
/// <para>Normalised inputs, each in [−1, 1] and multiplied by a weight w = min(1, 2 × its confidence):
/// tempo t = (bpm − 100)/50; loudness l = (LUFS + 16)/8; brightness b = (centroid − 1800 Hz)/1200 Hz;
/// percussiveness p = (percussive share − 0.3)/0.2; mode m = +1 major, −1 minor.</para>
/// <para><c>arousal = clip(0.45·t + 0.15·l + 0.15·b + 0.25·p)</c>;
/// <c>valence = clip(0.55·m + 0.20·t + 0.15·b + 0.10·l)</c>.</para>
/// <para>Label: arousal ≥ 0.25 → "upbeat" (valence ≥ 0.2), "tense" (valence ≤ −0.2; "aggressive" when arousal ≥ 0.5),
/// else "energetic"; arousal ≤ −0.25 → "peaceful" (valence ≥ 0.2), "melancholic" (valence ≤ −0.2; "sad" when arousal
/// ≤ −0.5), else "calm"; otherwise "cheerful" (valence ≥ 0.2), "moody" (valence ≤ −0.2), else "neutral".</para>
/// <para>Confidence = min(1, distance from the origin / 0.4) × mean of the input weights.</para>
/// </remarks>
internal static class MoodEstimator
{
    /// <summary>Estimates the mood.</summary>
    public static (double Valence, double Arousal, string Label, double Confidence) Estimate(
        double? bpm,
        double tempoConfidence,
        bool? minor,
        double keyConfidence,
        double integratedLufs,
        double loudnessConfidence,
        double centroidHz,
        double percussiveShare,
        double spectralConfidence)
    {
        static double Clip(double x) => Math.Clamp(x, -1, 1);
        static double Weight(double confidence) => Math.Clamp(2 * confidence, 0, 1);

        var wt = bpm is null ? 0 : Weight(tempoConfidence);
        var wk = minor is null ? 0 : Weight(keyConfidence);
        var wl = double.IsFinite(integratedLufs) ? Weight(loudnessConfidence) : 0;
        var ws = Weight(spectralConfidence);
        var t = bpm is double b ? Clip((b - 100) / 50) * wt : 0;
        var l = wl > 0 ? Clip((integratedLufs + 16) / 8) * wl : 0;
        var br = Clip((centroidHz - 1800) / 1200) * ws;
        var p = Clip((percussiveShare - 0.3) / 0.2) * ws;
        var m = minor is bool isMinor ? (isMinor ? -1 : 1) * wk : 0;
        var arousal = Clip((0.45 * t) + (0.15 * l) + (0.15 * br) + (0.25 * p));
        var valence = Clip((0.55 * m) + (0.20 * t) + (0.15 * br) + (0.10 * l));
        var label = (arousal, valence) switch
        {
            ( >= 0.25, >= 0.2) => "upbeat",
            ( >= 0.5, <= -0.2) => "aggressive",
            ( >= 0.25, <= -0.2) => "tense",
            ( >= 0.25, _) => "energetic",
            ( <= -0.25, >= 0.2) => "peaceful",
            ( <= -0.5, <= -0.2) => "sad",
            ( <= -0.25, <= -0.2) => "melancholic",
            ( <= -0.25, _) => "calm",
            (_, >= 0.2) => "cheerful",
            (_, <= -0.2) => "moody",
            _ => "neutral",
        };
        var distance = Math.Sqrt((valence * valence) + (arousal * arousal));
        var confidence = Math.Min(1, distance / 0.4) * ((wt + wk + wl + ws) / 4);
        return (valence, arousal, label, confidence);
    }
}
