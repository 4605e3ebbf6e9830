namespace MusicAI.Sdk.Separation.Neural;

/// <summary>A UVR MDX-Net file recognised by the MD5 of its tail, with its parameters.</summary>
/// <param name="TailMd5">MD5 (lower-case hex) of the last 10,000×1024 bytes of the file (the whole file if smaller).</param>
/// <param name="FileName">The file name UVR distributes it under.</param>
/// <param name="Parameters">Its parameters from UVR's model data table.</param>
internal sealed record KnownMdxNetModel(string TailMd5, string FileName, MdxNetParameters Parameters);
