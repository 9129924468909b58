import Plumbing

/// What a printed caption on the data page names (`SURNAME / NOM`, `DATE OF BIRTH`, `Geburtsdatum`): the fields
/// the check compares, and the others, which only bound their neighbours' columns.
enum FieldLabel: Sendable, Hashable {
    case documentNumber, surname, givenNames, birthDate, expiryDate, sex
    /// A caption of a field the check does not compare (place of birth, issue date, authority, nationality).
    case other

    /// Caption words, in `PrintedTextKey.mrzSpelling` (capitals, no marks; not the loose key, which would make
    /// `BIRTH` of `BIRP`), that make a caption this label, checked in this order:
    /// `PLACE OF BIRTH` is a place before it is a birth date, `GIVEN NAMES` given names before a name.
    static let vocabulary: [(label: FieldLabel, words: [String])] = [
        (
            .other,
            [
                "PLACE", "LIEU", "LUGAR", "ORT", "LUOGO", "LOCAL", "PLAATS", "MIEJSCE", "ORTSANGABE", "ISSUE", "ISSUED",
                "DELIVRANCE", "EXPEDICION", "EMISION", "AUSSTELLUNG", "AUSSTELLUNGSDATUM", "EMISSIONE", "RILASCIO",
                "EMISSAO", "AFGIFTE", "WYDANIA", "UTFARDANDE", "VERILIS", "AUTHORITY", "AUTORITE", "BEHORDE",
                "NATIONALITY", "NATIONALITE", "NACIONALIDAD", "STAATSANGEHORIGKEIT", "NAZIONALITA", "NACIONALIDADE",
                "NATIONALITEIT", "OBYWATELSTWO", "HEIGHT", "TAILLE", "PERSONAL", "PERSONNEL", "SIGNATURE", "ADDRESS",
                "RESIDENCE", "DOMICILE", "DOMICILIO", "WOHNORT", "ANSCHRIFT", "CODE", "TYPE", "NATIONAL",
                "IDENTIFICATION",
                "ACCESS", "CAN", "PERSONNUMMER", "PERSONENKENNZIFFER", "PESEL", "REMARKS", "OBSERVATIONS",
            ]
        ),
        (
            .expiryDate,
            [
                "EXPIRY", "EXPIRATION", "EXPIRES", "UNTIL", "JUSQU", "JUSQUAU", "VENCIMIENTO", "CADUCIDAD", "VALIDEZ",
                "GULTIG", "ABLAUF", "ABLAUFDATUM", "SCADENZA", "VALIDADE", "VALIDITE", "GELDIG", "WAZNOSCI", "GILTIG",
                "GECERLILIK", "PLATNOST",
            ]
        ),
        (
            .birthDate,
            [
                "BIRTH", "NAISSANCE", "NACIMIENTO", "GEBURTSTAG", "GEBURTSDATUM", "GEBURT", "NASCITA", "NASCIMENTO",
                "GEBOORTEDATUM", "URODZENIA", "FODELSEDATUM", "DOGUM", "NAROZENI", "SYNTYMAAIKA", "FODSELSDATO",
            ]
        ),
        (
            .givenNames,
            [
                "GIVEN", "FORENAME", "FORENAMES", "FIRST", "PRENOM", "PRENOMS", "NOMBRE", "NOMBRES", "VORNAME",
                "VORNAMEN", "NOME", "NOMI", "VOORNAMEN", "IMIONA", "IMIE", "FORNAMN", "ETUNIMET", "ADI", "JMENO",
                "UTONEV",
            ]
        ),
        (
            .surname,
            [
                "SURNAME", "SURNAMES", "NOM", "NOMS", "APELLIDO", "APELLIDOS", "NACHNAME", "FAMILIENNAME", "NAME",
                "COGNOME", "ACHTERNAAM", "NAZWISKO", "EFTERNAMN", "SUKUNIMI", "SOYADI", "PRIJMENI", "SOBRENOME",
            ]
        ),
        (.sex, ["SEX", "SEXE", "SEXO", "GESCHLECHT", "SESSO", "GESLACHT", "PLEC", "KON", "CINSIYET", "POHLAVI"]),
        (
            .documentNumber,
            [
                "PASSPORT", "PASSEPORT", "PASAPORTE", "REISEPASS", "PASSAPORTO", "PASSAPORTE", "PASPOORT", "PASZPORT",
                "NO", "NUMBER", "NUMERO", "NUMMER", "NUMER", "DOCUMENT", "DOCUMENTO", "DOKUMENT",
            ]
        ),
    ]

    /// The label a caption of `words` (as read) is, or nil when none of its words is a caption word. A caption word
    /// of five letters or more also matches with one letter misread (`SURNARE`).
    static func label(of words: [String]) -> FieldLabel? {
        let spelled = words.map(PrintedTextKey.mrzSpelling)
        for (label, vocabulary) in vocabulary {
            for word in spelled where vocabulary.contains(where: { matches(word, $0) }) { return label }
        }
        return nil
    }

    /// Whether `word` (as read) is a caption word or a connector inside captions.
    static func isCaptionWord(_ word: String) -> Bool {
        let spelled = PrintedTextKey.mrzSpelling(word)
        return vocabulary.contains { $0.words.contains { matches(spelled, $0) } } || connectors.contains(spelled)
    }

    /// Small words inside captions (`DATE OF BIRTH`, `DATE DE NAISSANCE`, `N°`).
    static let connectors: Set<String> = [
        "DATE", "DATUM", "FECHA", "DATA", "OF", "DE", "DU", "DES", "LA", "DEL", "DER", "DES", "DI", "DA", "DO", "VAN",
        "N", "NR", "NO", "VALID", "AND", "ET", "Y", "UND",
    ]

    private static func matches(_ word: String, _ caption: String) -> Bool {
        word == caption
            || (caption.count >= 5 && abs(word.count - caption.count) <= 1 && EditDistance.between(word, caption) <= 1)
    }
}
