namespace MusicAI.Sdk.Captioning.Lyrics;

/// <summary>
/// Lyric themes and their keywords in English, Spanish, French, German, Italian and Portuguese. A keyword ending in
/// <c>*</c> matches any word that starts with it; other keywords match whole words.
/// </summary>
internal static class ThemeLexicon
{
    /// <summary>Gets the themes, in the order they are reported when scores tie.</summary>
    public static IReadOnlyList<(string Name, string[] Keywords)> Themes { get; } =
    [
        ("love", Split("love lover lovers loving heart hearts kiss kisses darling sweetheart amor amo amar corazón beso besos amour aimer aime cœur coeur baiser liebe lieben liebst herz kuss amore cuore bacio coração beijo querida querido")),
        ("loss", Split("goodbye gone lost tears cry crying cried broken leave left miss missing adiós lágrimas llorar lloro perdido triste adieu larmes pleurer pleure perdu abschied tränen weinen verloren addio lacrime piangere perso adeus chorar choro perdi")),
        ("loneliness", Split("alone lonely lonesome soledad sola solo seul seule solitude allein einsam solitudine sozinho sozinha solidão")),
        ("party", Split("party dance dancing dancefloor club drink drinks shots groove fiesta bailar baila bailando fête danser danse tanzen tanz feiern ballare balla festa dançar dança")),
        ("night", Split("night nights tonight midnight moon moonlight stars noche luna estrellas nuit lune étoiles nacht mond sterne notte stelle noite lua")),
        ("freedom", Split("free freedom fly flying wings escape libre libertad volar liberté voler frei freiheit fliegen libero libertà volare livre liberdade voar")),
        ("hope", Split("hope dream dreams dreaming tomorrow believe shine esperanza sueño sueños soñar espoir rêve rêves rêver hoffnung traum träume träumen speranza sogno sogni sognare esperança sonho sonhos")),
        ("faith", Split("god lord heaven pray prayer soul angel angels jesus dios cielo alma ángel dieu ciel âme ange gott himmel seele engel dio anima angelo deus céu anjo")),
        ("nostalgia", Split("remember memories memory yesterday recuerdo recuerdos recuerda ayer souvenir souvenirs hier erinnerung erinnerungen gestern ricordo ricordi ieri lembrança lembro ontem saudade")),
        ("money", Split("money cash rich gold diamonds dollar dollars dinero plata oro argent fric geld reich gold soldi ricco dinheiro grana rico")),
        ("rebellion", Split("fight war rage hate burn riot revolution rebel guerra luchar lucha rabia guerre colère haine révolution krieg kampf wut hass rabbia odio raiva luta")),
        ("summer", Split("summer sun sunshine beach sea ocean waves verano sol playa mar été soleil plage mer sommer sonne strand meer estate sole spiaggia mare verão praia")),
        ("travel", Split("road highway drive driving car train travel journey miles camino carretera viaje route voyage voiture straße reise fahren strada viaggio estrada viagem")),
        ("home", Split("home house hometown mother mama family casa hogar madre familia maison mère maman famille heim zuhause mutter familie famiglia lar mãe família")),
        ("death", Split("die dying death dead grave morir muerte muerto mourir mort sterben tod tot morire morte morto")),
    ];

    private static string[] Split(string words) => words.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
