namespace MusicAI.Sdk.Models;

/// <summary>
/// The catalog of public models MusicAI.Sdk knows how to download and run: where each file comes from (pinned to a
/// commit or release), its exact size, its SHA-256 where one is published, and the licence of its weights.
/// </summary>
/// <remarks>
/// Files hosted in git repositories are addressed through <c>raw.githubusercontent.com</c> at a fixed commit, so the
/// bytes cannot change under the pinned SHA-256. The UVR MDX-Net files are GitHub release assets with no published
/// SHA-256: the store records the hash of the first download and checks later copies against it (trust on first use).
/// CLAP is hosted on Hugging Face at a fixed commit, without published sizes or hashes (trust on first use as well).
/// HT-Demucs is not listed because no stable, first-party ONNX download address is documented.
/// Thread-safe: the catalog is immutable.
/// </remarks>
public static class KnownModels
{
    private const string UvrRelease = "https://github.com/TRvlvr/model_repo/releases/download/all_public_uvr_models/";
    private const string ClapRevision = "https://huggingface.co/Xenova/clap-htsat-unfused/resolve/c28f2883575e590e04d3146ff0713c2448d691ba/";

    private static readonly ModelLicense s_uvrLicense = new(
        "LicenseRef-UVR-Credit",
        "No formal licence for the weights. The Ultimate Vocal Remover README asks developers who use its models to "
        + "\"honor the MIT license by providing credit to UVR\". Check the terms before redistributing.",
        "Model from Ultimate Vocal Remover (UVR), https://github.com/Anjok07/ultimatevocalremovergui; "
        + "MDX-Net architecture by KUIELab (https://github.com/kuielab/mdx-net).",
        allowsRedistribution: false);

    /// <summary>Gets Spotify's basic-pitch note transcription model (<c>nmp.onnx</c>, 230 KB, Apache-2.0).</summary>
    public static ModelManifest BasicPitch { get; } = new(
        "basic-pitch",
        [
            new ModelFile(
                "nmp.onnx",
                new Uri("https://raw.githubusercontent.com/spotify/basic-pitch/fa5997af0a8210982619003269994a1be25eddf3/basic_pitch/saved_models/icassp_2022/nmp.onnx"),
                230_444,
                "2c3c1d144bfa61ad236e92e169c13535c880469a12a047d4e73451f2c059a0ec"),
        ])
    {
        DisplayName = "basic-pitch (Spotify)",
        Description = "Polyphonic note transcription: note, onset and pitch-contour activations for 2 s windows of 22,050 Hz mono audio.",
        ContractKind = ModelContractKind.BasicPitch,
        SampleRate = 22_050,
        Source = new Uri("https://github.com/spotify/basic-pitch"),
        License = new ModelLicense(
            "Apache-2.0",
            "Code and bundled model of spotify/basic-pitch.",
            "basic-pitch, Copyright 2022 Spotify AB, licensed under the Apache License 2.0.",
            allowsRedistribution: true),
    };

    /// <summary>Gets the swift-f0 monophonic pitch model (398 KB, MIT).</summary>
    public static ModelManifest SwiftF0 { get; } = new(
        "swift-f0",
        [
            new ModelFile(
                "model.onnx",
                new Uri("https://raw.githubusercontent.com/lars76/swift-f0/64700fce8ef39c2970814bf427ac1d75a2f20d72/swift_f0/model.onnx"),
                397_987,
                "7e2390db8379cd9e1e2b22828e55b45b57c8559e4c8335678c717dc245c18176"),
        ])
    {
        DisplayName = "swift-f0",
        Description = "Monophonic F0 estimation (46.875-2093.75 Hz) with per-frame confidence, 16 kHz mono input, 16 ms hop. Needs an ONNX Runtime with the STFT operator (opset 17+).",
        ContractKind = ModelContractKind.SwiftF0,
        SampleRate = 16_000,
        Source = new Uri("https://github.com/lars76/swift-f0"),
        License = new ModelLicense(
            "MIT",
            "lars76/swift-f0 repository licence.",
            "swift-f0, Copyright (c) 2025 Lars Nieradzik, licensed under the MIT License.",
            allowsRedistribution: true),
    };

    /// <summary>Gets the Silero voice activity detector (8 and 16 kHz, 2.3 MB, MIT).</summary>
    public static ModelManifest SileroVad { get; } = new(
        "silero-vad",
        [
            new ModelFile(
                "silero_vad.onnx",
                new Uri("https://raw.githubusercontent.com/snakers4/silero-vad/806dcba3f0b5d95282d0889a074954a2f8c6397b/src/silero_vad/data/silero_vad.onnx"),
                2_327_524,
                "1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3"),
        ])
    {
        DisplayName = "Silero VAD",
        Description = "Speech probability per 512-sample chunk at 16 kHz (256 at 8 kHz) with a recurrent state; opset 16.",
        ContractKind = ModelContractKind.SileroVad,
        SampleRate = 16_000,
        Source = new Uri("https://github.com/snakers4/silero-vad"),
        License = SileroLicense(),
    };

    /// <summary>Gets the Silero voice activity detector, 16 kHz only, opset 15 (1.3 MB, MIT), for older runtimes.</summary>
    public static ModelManifest SileroVad16kOp15 { get; } = new(
        "silero-vad-16k-op15",
        [
            new ModelFile(
                "silero_vad_16k_op15.onnx",
                new Uri("https://raw.githubusercontent.com/snakers4/silero-vad/806dcba3f0b5d95282d0889a074954a2f8c6397b/src/silero_vad/data/silero_vad_16k_op15.onnx"),
                1_289_603,
                "7ed98ddbad84ccac4cd0aeb3099049280713df825c610a8ed34543318f1b2c49"),
        ])
    {
        DisplayName = "Silero VAD (16 kHz, opset 15)",
        Description = "The Silero voice activity detector exported at opset 15; 16 kHz only.",
        ContractKind = ModelContractKind.SileroVad,
        SampleRate = 16_000,
        Source = new Uri("https://github.com/snakers4/silero-vad"),
        License = SileroLicense(),
    };

    /// <summary>
    /// Gets the BeatNet beat/downbeat activation network (ONNX graph plus its external-data file, 1.7 MB, weights CC BY 4.0
    /// with attribution).
    /// </summary>
    /// <remarks>The two files must stay together under these exact names: the graph refers to <c>BeatNet.onnx.data</c>.</remarks>
    public static ModelManifest BeatNet { get; } = new(
        "beatnet",
        [
            new ModelFile(
                "BeatNet.onnx",
                new Uri("https://raw.githubusercontent.com/drensin/Remixatron/f8c213329f61bff4fd3c048a9067ff0706a78fb0/rust-app/src-tauri/src/beat_tracker/BeatNet.onnx"),
                49_358,
                "75b0b7038227cde56e0aa66b274466eba003b8dfca056c6564307a80b1c824e2"),
            new ModelFile(
                "BeatNet.onnx.data",
                new Uri("https://raw.githubusercontent.com/drensin/Remixatron/f8c213329f61bff4fd3c048a9067ff0706a78fb0/rust-app/src-tauri/src/beat_tracker/BeatNet.onnx.data"),
                1_609_800,
                "fa0bc0f47c3d65239b943a229dd8fade7d261b7c375037f0f30b07e15ce3aa6d"),
        ])
    {
        DisplayName = "BeatNet",
        Description = "Beat, downbeat and non-beat logits for 500 frames (10 s at 50 fps) of a 272-dimension log-filtered spectrogram of 22,050 Hz audio.",
        ContractKind = ModelContractKind.BeatNet,
        SampleRate = 22_050,
        Source = new Uri("https://github.com/mjhydri/BeatNet"),
        License = new ModelLicense(
            "CC-BY-4.0",
            "Weights by M. Heydari, F. Cwitkowitz and Z. Duan (mjhydri/BeatNet, CC BY 4.0); ONNX export from drensin/Remixatron (Apache-2.0). "
            + "Which of BeatNet's three checkpoints was exported is not stated.",
            "BeatNet by Mojtaba Heydari, Frank Cwitkowitz and Zhiyao Duan: \"BeatNet: CRNN and Particle Filtering for Online Joint Beat, "
            + "Downbeat and Meter Tracking\", ISMIR 2021 (https://github.com/mjhydri/BeatNet), licensed under CC BY 4.0 "
            + "(https://creativecommons.org/licenses/by/4.0/). ONNX export by drensin/Remixatron.",
            allowsRedistribution: true),
    };

    /// <summary>
    /// Gets LAION's CLAP (HTS-AT audio tower, RoBERTa text tower, unfused) in Xenova's ONNX export: audio and text
    /// towers plus the tokenizer files (≈ 118 MB + 502 MB + 0.8 MB + 0.5 MB; Apache-2.0).
    /// </summary>
    /// <remarks>
    /// Hosted on Hugging Face at a fixed commit. Exact byte sizes and SHA-256 hashes are not published in a form the
    /// SDK could pin, so the store records the hash of the first download and checks later copies against it (trust on
    /// first use).
    /// </remarks>
    public static ModelManifest ClapHtsatUnfused { get; } = new(
        "clap-htsat-unfused",
        [
            new ModelFile("audio_model.onnx", new Uri(ClapRevision + "onnx/audio_model.onnx")),
            new ModelFile("text_model.onnx", new Uri(ClapRevision + "onnx/text_model.onnx")),
            new ModelFile("vocab.json", new Uri(ClapRevision + "vocab.json")),
            new ModelFile("merges.txt", new Uri(ClapRevision + "merges.txt")),
        ])
    {
        DisplayName = "CLAP HTS-AT unfused (LAION, ONNX by Xenova)",
        Description = "Audio and text embeddings in one 512-dimension space for zero-shot tagging and text-to-music search: "
            + "log-mel [1, 1, 1001, 64] of 10 s of 48 kHz mono -> audio_embeds; RoBERTa input_ids/attention_mask -> text_embeds. "
            + "Sizes and SHA-256 not published (hash recorded on first download).",
        ContractKind = ModelContractKind.Clap,
        SampleRate = 48_000,
        Source = new Uri("https://huggingface.co/Xenova/clap-htsat-unfused"),
        License = new ModelLicense(
            "Apache-2.0",
            "Licence of the base model laion/clap-htsat-unfused (its Hugging Face model card); Xenova's ONNX conversion states no other terms.",
            "CLAP by LAION (Wu, Chen et al., \"Large-scale Contrastive Language-Audio Pretraining with Feature Fusion and Keyword-to-Caption Augmentation\", ICASSP 2023), "
            + "https://huggingface.co/laion/clap-htsat-unfused, licensed under the Apache License 2.0; ONNX export by Xenova.",
            allowsRedistribution: true),
    };

    /// <summary>Gets UVR MDX-Net Inst HQ 3, an instrumental/vocals separator (66.8 MB; no published SHA-256).</summary>
    public static ModelManifest MdxNetInstHq3 { get; } = Uvr(
        "mdx-net-inst-hq-3",
        "UVR-MDX-NET-Inst_HQ_3.onnx",
        66_759_214,
        "UVR MDX-Net Inst HQ 3",
        "Instrumental separator (primary stem Instrumental; vocals = mix - instrumental). n_fft 6144, dim_f 3072, dim_t 256, hop 1024, compensate 1.022. UVR model hash (MD5 of the last 10,240,000 bytes) 55657dd70583b0fedfba5f67df11d711.");

    /// <summary>Gets UVR MDX-Net Voc FT, a vocals separator (66.8 MB; no published SHA-256).</summary>
    public static ModelManifest MdxNetVocFt { get; } = Uvr(
        "mdx-net-voc-ft",
        "UVR-MDX-NET-Voc_FT.onnx",
        66_762_490,
        "UVR MDX-Net Voc FT",
        "Vocals separator (primary stem Vocals; instrumental = mix - vocals). n_fft 7680, dim_f 3072, dim_t 256, hop 1024, compensate 1.021. UVR model hash (MD5 of the last 10,240,000 bytes) 77d07b2667ddf05b9e3175941b4454a0.");

    /// <summary>Gets UVR MDX-Net Kim Vocal 2, a vocals separator (66.8 MB; no published SHA-256).</summary>
    public static ModelManifest MdxNetKimVocal2 { get; } = Uvr(
        "mdx-net-kim-vocal-2",
        "Kim_Vocal_2.onnx",
        66_759_214,
        "UVR MDX-Net Kim Vocal 2",
        "Vocals separator (primary stem Vocals; instrumental = mix - vocals). n_fft 7680, dim_f 3072, dim_t 256, hop 1024, compensate 1.009. UVR model hash (MD5 of the last 10,240,000 bytes) 970b3f9492014d18fefeedfe4773cb42.");

    /// <summary>Gets every catalog entry, in a stable order.</summary>
    public static IReadOnlyList<ModelManifest> All { get; } = new[]
    {
        BasicPitch, SwiftF0, SileroVad, SileroVad16kOp15, BeatNet, ClapHtsatUnfused, MdxNetInstHq3, MdxNetVocFt, MdxNetKimVocal2,
    }.AsReadOnly();

    /// <summary>Finds a catalog entry by id.</summary>
    /// <param name="id">The model id, for example <c>basic-pitch</c>.</param>
    /// <returns>The manifest, or <see langword="null"/> when the catalog has no such id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    public static ModelManifest? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        foreach (var manifest in All)
        {
            if (manifest.Id == id)
            {
                return manifest;
            }
        }

        return null;
    }

    private static ModelLicense SileroLicense() => new(
        "MIT",
        "snakers4/silero-vad repository licence.",
        "Silero VAD, Copyright (c) 2020-present Silero Team, licensed under the MIT License.",
        allowsRedistribution: true);

    private static ModelManifest Uvr(string id, string fileName, long size, string displayName, string description) => new(
        id,
        [new ModelFile(fileName, new Uri(UvrRelease + fileName), size, sha256: null)])
    {
        DisplayName = displayName,
        Description = description + " 44.1 kHz stereo. Size from third-party tables; SHA-256 not published (recorded on first download).",
        ContractKind = ModelContractKind.MdxNet,
        SampleRate = 44_100,
        Source = new Uri("https://github.com/TRvlvr/model_repo/releases/tag/all_public_uvr_models"),
        License = s_uvrLicense,
    };
}
