/// Holders' names as their own documents print them, with Latin-based national characters (ICAO 9303-3 §6
/// table A); the MRZ carries their transliteration (`Transliteration`).
struct NationalNames: Sendable {
    /// Surnames of one language.
    let surnames: [String]
    /// Given names of the same language.
    let givenNames: [String]

    /// One group per language: German, Turkish, Spanish, Danish and Norwegian, Polish, Icelandic, French, Czech,
    /// Swedish.
    static let all = [
        NationalNames(
            surnames: ["MÜLLER", "SCHÄFER", "GROẞ", "KÖHLER", "JÄGER"],
            givenNames: ["JÜRGEN", "BÄRBEL", "JÖRG UWE", "KLAUS"]),
        NationalNames(
            surnames: ["ÇELİK", "ŞAHİN", "YILDIZ", "ÖZTÜRK", "GÜNEŞ"],
            givenNames: ["İBRAHİM", "AYŞE", "GÖKÇE", "MUSTAFA"]),
        NationalNames(
            surnames: ["GARCÍA", "NÚÑEZ", "PEÑA MARTÍN", "CASTAÑO"],
            givenNames: ["JOSÉ MARÍA", "MARÍA JESÚS", "ÁLVARO", "INÉS"]),
        NationalNames(
            surnames: ["ØSTERGÅRD", "SØRENSEN", "LÆSSØE", "BRÅTEN"],
            givenNames: ["SØREN", "ÅSE", "BJØRN", "MALENE"]),
        NationalNames(
            surnames: ["WÓJCIK", "SZCZĘSNY", "ŁOPIEŃSKA", "KOWALCZYK"],
            givenNames: ["ŁUKASZ", "MAŁGORZATA", "ZOFIA", "BOŻENA"]),
        NationalNames(
            surnames: ["JÓNSDÓTTIR", "ÞÓRÐARSON", "GUÐMUNDSSON"],
            givenNames: ["ÞÓRA", "SIGRÍÐUR", "HALLDÓR"]),
        NationalNames(
            surnames: ["LEFÈVRE", "FRANÇOIS", "BOËL", "CÔTÉ"],
            givenNames: ["HÉLÈNE", "FRANÇOIS XAVIER", "ZOË", "JÉRÔME"]),
        NationalNames(
            surnames: ["DVOŘÁK", "NOVÁKOVÁ", "ČERNÝ", "SVOBODOVÁ"],
            givenNames: ["JIŘÍ", "LUDMILA", "TOMÁŠ", "RŮŽENA"]),
        NationalNames(
            surnames: ["ÅSTRÖM", "LINDSTRÖM", "BJÖRK", "NYSTRÖM"],
            givenNames: ["ÅSA", "MÅNS", "BJÖRN", "LINNÉA"]),
    ]

    /// Plain surnames a forger prints over the holder's: common in many states, written in ASCII.
    static let plainSurnames = [
        "SCHMIDT", "MARTIN", "ANDERSSON", "NOWAK", "YILMAZ", "RODRIGUEZ", "PETROV", "HANSEN", "DE JONG", "MOREAU",
        "KELLY", "ROMANO",
    ]
}
