/// The three-letter codes an MRZ may carry for issuing state and nationality (ICAO 9303-3 §5).
public enum StateCode {
    /// ISO 3166-1 alpha-3 country codes (ICAO 9303-3 §5 Part A).
    public static let iso3166: [String] = [
        "ABW", "AFG", "AGO", "AIA", "ALA", "ALB", "AND", "ARE", "ARG", "ARM", "ASM", "ATA", "ATF", "ATG",
        "AUS", "AUT", "AZE", "BDI", "BEL", "BEN", "BES", "BFA", "BGD", "BGR", "BHR", "BHS", "BIH", "BLM",
        "BLR", "BLZ", "BMU", "BOL", "BRA", "BRB", "BRN", "BTN", "BVT", "BWA", "CAF", "CAN", "CCK", "CHE",
        "CHL", "CHN", "CIV", "CMR", "COD", "COG", "COK", "COL", "COM", "CPV", "CRI", "CUB", "CUW", "CXR",
        "CYM", "CYP", "CZE", "DEU", "DJI", "DMA", "DNK", "DOM", "DZA", "ECU", "EGY", "ERI", "ESH", "ESP",
        "EST", "ETH", "FIN", "FJI", "FLK", "FRA", "FRO", "FSM", "GAB", "GBR", "GEO", "GGY", "GHA", "GIB",
        "GIN", "GLP", "GMB", "GNB", "GNQ", "GRC", "GRD", "GRL", "GTM", "GUF", "GUM", "GUY", "HKG", "HMD",
        "HND", "HRV", "HTI", "HUN", "IDN", "IMN", "IND", "IOT", "IRL", "IRN", "IRQ", "ISL", "ISR", "ITA",
        "JAM", "JEY", "JOR", "JPN", "KAZ", "KEN", "KGZ", "KHM", "KIR", "KNA", "KOR", "KWT", "LAO", "LBN",
        "LBR", "LBY", "LCA", "LIE", "LKA", "LSO", "LTU", "LUX", "LVA", "MAC", "MAF", "MAR", "MCO", "MDA",
        "MDG", "MDV", "MEX", "MHL", "MKD", "MLI", "MLT", "MMR", "MNE", "MNG", "MNP", "MOZ", "MRT", "MSR",
        "MTQ", "MUS", "MWI", "MYS", "MYT", "NAM", "NCL", "NER", "NFK", "NGA", "NIC", "NIU", "NLD", "NOR",
        "NPL", "NRU", "NZL", "OMN", "PAK", "PAN", "PCN", "PER", "PHL", "PLW", "PNG", "POL", "PRI", "PRK",
        "PRT", "PRY", "PSE", "PYF", "QAT", "REU", "ROU", "RUS", "RWA", "SAU", "SDN", "SEN", "SGP", "SGS",
        "SHN", "SJM", "SLB", "SLE", "SLV", "SMR", "SOM", "SPM", "SRB", "SSD", "STP", "SUR", "SVK", "SVN",
        "SWE", "SWZ", "SXM", "SYC", "SYR", "TCA", "TCD", "TGO", "THA", "TJK", "TKL", "TKM", "TLS", "TON",
        "TTO", "TUN", "TUR", "TUV", "TWN", "TZA", "UGA", "UKR", "UMI", "URY", "USA", "UZB", "VAT", "VCT",
        "VEN", "VGB", "VIR", "VNM", "VUT", "WLF", "WSM", "YEM", "ZAF", "ZMB", "ZWE",
    ]

    /// Codes ICAO 9303-3 §5 adds to ISO 3166-1: Germany's `D` (Part A), British nationality classes and
    /// Kosovo (Part A), the EU (Part B), the United Nations (Part C), other issuing authorities
    /// (Part D), persons without a defined nationality (Part E) and the deprecated ANT and NTZ,
    /// kept for backward compatibility (Part F).
    public static let icaoExtensions: [String] = [
        "D", "GBD", "GBN", "GBO", "GBP", "GBS", "RKS", "EUE", "UNO", "UNA", "UNK", "XBA", "XIM", "XCC", "XCE",
        "XCO", "XEC", "XPO", "XES", "XMP", "XOM", "XDC", "XXA", "XXB", "XXC", "XXX", "ANT", "NTZ",
    ]

    /// The specimen state Utopia (ICAO 9303-3 §5 Part G).
    public static let specimen = "UTO"

    /// Every code accepted in an MRZ.
    public static let all: [String] = iso3166 + icaoExtensions + [specimen]

    /// True when `code` (fillers already removed, 1–3 letters) is an ICAO 9303 code.
    public static func isKnown<Bytes: Collection>(_ code: Bytes) -> Bool where Bytes.Element == UInt8 {
        guard let key = key(code) else { return false }
        return table[key]
    }

    /// Codes packed as base-27 numbers (A–Z, then filler for absent letters) into a bitmap.
    private static let table: [Bool] = {
        var table = [Bool](repeating: false, count: 27 * 27 * 27)
        for code in all { table[key(Array(code.utf8))!] = true }
        return table
    }()

    private static func key<Bytes: Collection>(_ code: Bytes) -> Int? where Bytes.Element == UInt8 {
        guard (1...3).contains(code.count) else { return nil }
        var key = 0
        var count = 0
        for byte in code {
            guard MRZCharacter.isLetter(byte) else { return nil }
            key = key * 27 + Int(byte - MRZCharacter.upperA)
            count += 1
        }
        for _ in count..<3 { key = key * 27 + 26 }
        return key
    }
}
